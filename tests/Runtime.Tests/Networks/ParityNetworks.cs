namespace Neuroslyn.Runtime.Tests.Networks;

// The architectures of Parity/Reference/make_reference.py, declared the Neuroslyn way, each twice: once with
// Adam (lr 1e-3) and once with SGD with momentum (lr 0.01, momentum 0.9), the two optimizers the reference
// data was made with.

[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(8, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
[Dense(3)]
public partial class ReluMlpAdam { }

[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Dense(8, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
[Dense(3)]
public partial class ReluMlpSgd { }

[Network(Inputs = 5, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(7)]
[BatchNorm(Activation.LeakyReLU)]
[Dense(6, Activation.Tanh)]
[Dense(4)]
public partial class LeakyBatchNormAdam { }

[Network(Inputs = 5, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Dense(7)]
[BatchNorm(Activation.LeakyReLU)]
[Dense(6, Activation.Tanh)]
[Dense(4)]
public partial class LeakyBatchNormSgd { }

[Network(Inputs = 4, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
[Dense(6, Activation.Sigmoid)]
[Dense(5, Activation.Tanh)]
[Dense(2)]
public partial class SigmoidRegressorAdam { }

[Network(Inputs = 4, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Dense(6, Activation.Sigmoid)]
[Dense(5, Activation.Tanh)]
[Dense(2)]
public partial class SigmoidRegressorSgd { }

[Network(Inputs = 3, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(8, Activation.ReLU)]
[BatchNorm]
[Dense(4, Activation.LeakyReLU)]
[Dense(1)]
public partial class BinaryBatchNormAdam { }

[Network(Inputs = 3, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Dense(8, Activation.ReLU)]
[BatchNorm]
[Dense(4, Activation.LeakyReLU)]
[Dense(1)]
public partial class BinaryBatchNormSgd { }

[Network(Inputs = 20, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(33, Activation.Tanh)]
[Dense(17, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class SoftmaxOutputAdam { }

[Network(Inputs = 20, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Dense(33, Activation.Tanh)]
[Dense(17, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class SoftmaxOutputSgd { }

[Network(Inputs = 37, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
[Dense(40)]
[BatchNorm(Activation.ReLU)]
[Dense(3)]
public partial class WideBatchNormRegressorAdam { }

[Network(Inputs = 37, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Dense(40)]
[BatchNorm(Activation.ReLU)]
[Dense(3)]
public partial class WideBatchNormRegressorSgd { }
