namespace Neuroslyn.Runtime.Tests.Networks;

/// <summary>Eight stacked Sigmoid layers: the gradient reaching the first one collapses (vanishing).</summary>
[Network(Inputs = 16, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, Seed = 3, Monitor = true)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(1)]
public partial class DeepSigmoidNet { }

/// <summary>Plain SGD with a learning rate of 50: the loss diverges within a few steps.</summary>
[Network(Inputs = 8, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 50f, Seed = 5, Monitor = true)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(1)]
public partial class HugeLearningRateNet { }

/// <summary>A ReLU layer whose units a test switches off by pushing their bias far below 0.</summary>
[Network(Inputs = 8, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Seed = 9, Monitor = true)]
[Dense(64, Activation.ReLU)]
[Dense(1)]
public partial class ReluRegressor { }

/// <summary>Two ReLU layers: a test shrinks the first one's weights until the second one's gradient vanishes.</summary>
[Network(Inputs = 8, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Seed = 11, Monitor = true)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(1)]
public partial class StackedReluRegressor { }

/// <summary>The same layers as <see cref="ReluRegressor"/>, without the monitoring hook.</summary>
[Network(Inputs = 8, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Seed = 9)]
[Dense(64, Activation.ReLU)]
[Dense(1)]
public partial class UnmonitoredReluRegressor { }

/// <summary>The Fashion-MNIST sample's network with the monitoring hook.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42, Monitor = true)]
[Dense(256, Activation.ReLU)]
[Dropout(0.2)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class MonitoredFashionNet { }
