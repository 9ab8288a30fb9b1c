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

/// <summary>
/// Two ReLU convolutions with a pooling between, the second one named: tests switch one filter off, feed a NaN pixel or
/// poison a weight, and check what the monitor names.
/// </summary>
[Network(InputShape = new[] { 1, 8, 8 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Seed = 13, Monitor = true)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(6, 3, Activation.ReLU, Padding = 1, Name = "conv2")]
[Flatten]
[Dense(1)]
public partial class MonitoredConvNet { }

/// <summary>The same layers as <see cref="MonitoredConvNet"/>, without the monitoring hook.</summary>
[Network(InputShape = new[] { 1, 8, 8 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Seed = 13)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(6, 3, Activation.ReLU, Padding = 1, Name = "conv2")]
[Flatten]
[Dense(1)]
public partial class UnmonitoredConvNet { }

/// <summary>
/// A ReLU convolution without a bias: over images whose outer two rings of pixels are 0, its outputs on the border ring
/// are exactly 0 for every sample while every filter is alive inside.
/// </summary>
[Network(InputShape = new[] { 1, 8, 8 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Seed = 14, Monitor = true)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1, UseBias = false)]
[Flatten]
[Dense(1)]
public partial class BorderConvNet { }

/// <summary>A convolution normalised per channel with the ReLU after the BatchNorm: the BatchNorm layer's channels are the units.</summary>
[Network(InputShape = new[] { 2, 6, 6 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Seed = 15, Monitor = true)]
[Conv2D(5, 3, UseBias = false)]
[BatchNorm(Activation.ReLU, Name = "bn")]
[GlobalAvgPool2D]
[Dense(1)]
public partial class ConvBatchNormReluNet { }

/// <summary>The Fashion-MNIST sample's default CNN (samples/FashionMnist/FashionNet.cs), with the monitoring hook as there.</summary>
[Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 2e-3f, Seed = 42, Monitor = true)]
[Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(32, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[Dropout(0.3)]
[Dense(10)]
public partial class MonitoredFashionCnn { }

// A residual block over an image, monitored: a dead filter inside the body is reported by its own layer, while the
// block's sum, which the shortcut keeps alive, is not.
[Network(InputShape = new[] { 1, 8, 8 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Seed = 16, Monitor = true)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[Residual]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[Conv2D(4, 3, Padding = 1)]
[EndResidual(Activation.ReLU)]
[Flatten]
[Dense(1)]
public partial class MonitoredResidualNet { }
