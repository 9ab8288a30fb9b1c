namespace Neuroslyn.Runtime.Tests.Weights;

// Networks of the weight-file and ONNX tests. InteropNet is the nn.Sequential of Reference/make_weights.py:
// Linear(5, 8), BatchNorm1d(8), LeakyReLU(0.1), Dropout(0.25), Linear(8, 6), Tanh, Linear(6, 3), Softmax(dim=1),
// so its tensors are 0.weight, 0.bias, 1.weight, 1.bias, 1.running_mean, 1.running_var, 1.num_batches_tracked,
// 4.weight, 4.bias, 6.weight, 6.bias.

[Network(Inputs = 5, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, Seed = 11)]
[Dense(8)]
[BatchNorm(Activation.LeakyReLU, LeakySlope = 0.1f)]
[Dropout(0.25)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class InteropNet { }

/// <summary>Custom tensor names, two BatchNorm layers, SGD with momentum.</summary>
[Network(Inputs = 4, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, Momentum = 0.9f, Seed = 5)]
[Dense(6, Activation.ReLU, Name = "encoder.fc")]
[BatchNorm(Name = "encoder.norm")]
[Dense(5)]
[BatchNorm(Activation.Tanh)]
[Dense(2, Name = "head")]
public partial class NamedNet { }

/// <summary>Plain SGD: the optimizer keeps only its step count.</summary>
[Network(Inputs = 3, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, Seed = 2)]
[Dense(4, Activation.ReLU)]
[Dense(2)]
public partial class PlainSgdNet { }

/// <summary>The other activations for ONNX: ReLU without bias, BatchNorm + Sigmoid, Tanh, a Sigmoid output.</summary>
[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 9)]
[Dense(9, Activation.ReLU, UseBias = false)]
[BatchNorm(Activation.Sigmoid, Epsilon = 1e-3)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class OnnxSigmoidNet { }

/// <summary>Wide enough for the register-tiled kernels' full tiles, with a linear logits output.</summary>
[Network(Inputs = 40, Loss = Loss.SoftmaxCrossEntropy, Seed = 4)]
[Dense(33, Activation.LeakyReLU)]
[Dropout(0.5)]
[Dense(17, Activation.ReLU)]
[Dense(10)]
public partial class OnnxWideNet { }

/// <summary>
/// Reference/make_weights.py's image model: Conv2d(2, 4, 3, padding=1, bias=False), BatchNorm2d(4), ReLU, MaxPool2d(2),
/// Conv2d(4, 6, 3, groups=2), Tanh, Flatten, Linear(24, 3), Softmax(dim=1); tensors 0.weight, 1.weight, 1.bias,
/// 1.running_mean, 1.running_var, 1.num_batches_tracked, 4.weight, 4.bias, 7.weight, 7.bias.
/// </summary>
[Network(InputShape = new[] { 2, 8, 8 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, Seed = 12)]
[Conv2D(4, 3, Padding = 1, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(6, 3, Activation.Tanh, Groups = 2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ImageInteropNet { }

/// <summary>
/// Reference/make_weights.py's residual model, with docs/pytorch/neuroslyn_modules.py's Residual: Conv2d(2, 4, 3,
/// padding=1), ReLU, Residual(Conv2d(4, 4, 3, padding=1, bias=False), BatchNorm2d(4), ReLU, Conv2d(4, 4, 3, padding=1),
/// activation=ReLU), Residual(Conv2d(4, 6, 3, stride=2, padding=1), Tanh, shortcut=Conv2d(4, 6, 1, stride=2),
/// activation=ReLU), Flatten, Linear(96, 3), Softmax(dim=1); tensors 2.body.0.weight, 2.body.1.*, 2.body.3.*,
/// 3.body.0.*, 3.shortcut.weight, 3.shortcut.bias, 5.*.
/// </summary>
[Network(InputShape = new[] { 2, 8, 8 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, Seed = 13)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[Residual]
[Conv2D(4, 3, Padding = 1, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[Conv2D(4, 3, Padding = 1)]
[EndResidual(Activation.ReLU)]
[Residual]
[Conv2D(6, 3, Activation.Tanh, Stride = 2, Padding = 1)]
[EndResidual(Activation.ReLU)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ResidualInteropNet { }
