namespace Neuroslyn.Runtime.Tests.Networks;

// The image networks of Parity/Reference/make_reference.py, once with Adam (PyTorch's defaults, lr 1e-3) and once
// with SGD (lr 0.01, momentum 0.9). Each mirrors its nn.Sequential module for module, because the state_dict names
// ("0.weight", "3.running_var", ...) are the Sequential's indices; the comment above each gives the PyTorch side.

// Conv2d(1,4,3,padding=1) ReLU MaxPool2d(2) Conv2d(4,6,3) ReLU Flatten Linear(24,3)
[Network(InputShape = new[] { 1, 8, 8 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(6, 3, Activation.ReLU)]
[Flatten]
[Dense(3)]
public partial class ConvReluPoolAdam { }

[Network(InputShape = new[] { 1, 8, 8 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(6, 3, Activation.ReLU)]
[Flatten]
[Dense(3)]
public partial class ConvReluPoolSgd { }

// Conv2d(3,5,3,bias=False) BatchNorm2d(5) ReLU AvgPool2d(2,stride=1) Flatten Linear(80,2)
[Network(InputShape = new[] { 3, 7, 7 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
[Conv2D(5, 3, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[AvgPool2D(2, Stride = 1)]
[Flatten]
[Dense(2)]
public partial class ConvBatchNormAdam { }

[Network(InputShape = new[] { 3, 7, 7 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Conv2D(5, 3, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[AvgPool2D(2, Stride = 1)]
[Flatten]
[Dense(2)]
public partial class ConvBatchNormSgd { }

// pad(1,2,1,2) Conv2d(2,4,4,stride=2) LeakyReLU(0.2) AvgPool2d(3,stride=2,padding=1) Flatten Linear(36,4)
[Network(InputShape = new[] { 2, 9, 9 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam)]
[Conv2D(4, 4, Activation.LeakyReLU, Stride = 2, Padding = Padding.Same, LeakySlope = 0.2f)]
[AvgPool2D(3, Stride = 2, Padding = 1)]
[Flatten]
[Dense(4)]
public partial class ConvStridedSameAdam { }

[Network(InputShape = new[] { 2, 9, 9 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Conv2D(4, 4, Activation.LeakyReLU, Stride = 2, Padding = Padding.Same, LeakySlope = 0.2f)]
[AvgPool2D(3, Stride = 2, Padding = 1)]
[Flatten]
[Dense(4)]
public partial class ConvStridedSameSgd { }

// Conv2d(4,8,3,padding=1,groups=2) Tanh Conv2d(8,8,3,padding=2,dilation=2,groups=8) ReLU Conv2d(8,4,1)
// AdaptiveAvgPool2d(1) Flatten Linear(4,3)
[Network(InputShape = new[] { 4, 6, 6 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam)]
[Conv2D(8, 3, Activation.Tanh, Padding = 1, Groups = 2)]
[Conv2D(8, 3, Activation.ReLU, Padding = 2, Dilation = 2, Groups = 8)]
[Conv2D(4, 1)]
[GlobalAvgPool2D]
[Dense(3)]
public partial class ConvGroupsDepthwiseAdam { }

[Network(InputShape = new[] { 4, 6, 6 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Conv2D(8, 3, Activation.Tanh, Padding = 1, Groups = 2)]
[Conv2D(8, 3, Activation.ReLU, Padding = 2, Dilation = 2, Groups = 8)]
[Conv2D(4, 1)]
[GlobalAvgPool2D]
[Dense(3)]
public partial class ConvGroupsDepthwiseSgd { }

// Conv2d(1,3,5,padding=2) Sigmoid MaxPool2d(3,stride=2,padding=1) BatchNorm2d(3) Conv2d(3,2,3,bias=False) Tanh
// Flatten Linear(18,1)
[Network(InputShape = new[] { 1, 10, 10 }, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam)]
[Conv2D(3, 5, Activation.Sigmoid, Padding = 2)]
[MaxPool2D(3, Stride = 2, Padding = 1)]
[BatchNorm]
[Conv2D(2, 3, Activation.Tanh, UseBias = false)]
[Flatten]
[Dense(1)]
public partial class ConvPaddedMaxPoolBinaryAdam { }

[Network(InputShape = new[] { 1, 10, 10 }, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Conv2D(3, 5, Activation.Sigmoid, Padding = 2)]
[MaxPool2D(3, Stride = 2, Padding = 1)]
[BatchNorm]
[Conv2D(2, 3, Activation.Tanh, UseBias = false)]
[Flatten]
[Dense(1)]
public partial class ConvPaddedMaxPoolBinarySgd { }

// Residual blocks: docs/pytorch/neuroslyn_modules.py's Residual(body..., shortcut=, activation=) is one module of the
// Sequential; its body's layers are numbered inside it (2.body.0.weight) and the projection is 2.shortcut.

// Conv2d(2,4,3,padding=1) ReLU Residual(Conv2d(4,4,3,padding=1,bias=False) BatchNorm2d(4) ReLU Conv2d(4,4,3,padding=1,bias=False) BatchNorm2d(4), activation=ReLU) AdaptiveAvgPool2d(1) Flatten Linear(4,3)
[Network(InputShape = new[] { 2, 6, 6 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[Residual]
[Conv2D(4, 3, Padding = 1, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[Conv2D(4, 3, Padding = 1, UseBias = false)]
[BatchNorm]
[EndResidual(Activation.ReLU)]
[GlobalAvgPool2D]
[Dense(3)]
public partial class ResidualBasicBlockAdam { }

[Network(InputShape = new[] { 2, 6, 6 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[Residual]
[Conv2D(4, 3, Padding = 1, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[Conv2D(4, 3, Padding = 1, UseBias = false)]
[BatchNorm]
[EndResidual(Activation.ReLU)]
[GlobalAvgPool2D]
[Dense(3)]
public partial class ResidualBasicBlockSgd { }

// Conv2d(3,4,3,padding=1) Tanh Residual(Conv2d(4,6,3,stride=2,padding=1) LeakyReLU(0.2) Conv2d(6,6,3,padding=1), shortcut=Conv2d(4,6,1,stride=2), activation=Tanh) MaxPool2d(2) Flatten Linear(24,2)
[Network(InputShape = new[] { 3, 8, 8 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
[Conv2D(4, 3, Activation.Tanh, Padding = 1)]
[Residual]
[Conv2D(6, 3, Activation.LeakyReLU, Stride = 2, Padding = 1, LeakySlope = 0.2f)]
[Conv2D(6, 3, Padding = 1)]
[EndResidual(Activation.Tanh)]
[MaxPool2D(2)]
[Flatten]
[Dense(2)]
public partial class ResidualProjectionAdam { }

[Network(InputShape = new[] { 3, 8, 8 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Conv2D(4, 3, Activation.Tanh, Padding = 1)]
[Residual]
[Conv2D(6, 3, Activation.LeakyReLU, Stride = 2, Padding = 1, LeakySlope = 0.2f)]
[Conv2D(6, 3, Padding = 1)]
[EndResidual(Activation.Tanh)]
[MaxPool2D(2)]
[Flatten]
[Dense(2)]
public partial class ResidualProjectionSgd { }

// Linear(5,8) ReLU Residual(Linear(8,8) ReLU Linear(8,6), shortcut=Linear(8,6), activation=ReLU) Linear(6,3)
[Network(Inputs = 5, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(8, Activation.ReLU)]
[Residual]
[Dense(8, Activation.ReLU)]
[Dense(6)]
[EndResidual(Activation.ReLU)]
[Dense(3)]
public partial class ResidualMlpAdam { }

[Network(Inputs = 5, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Dense(8, Activation.ReLU)]
[Residual]
[Dense(8, Activation.ReLU)]
[Dense(6)]
[EndResidual(Activation.ReLU)]
[Dense(3)]
public partial class ResidualMlpSgd { }

// Conv2d(2,3,3,padding=1,bias=False) BatchNorm2d(3) Tanh MaxPool2d(3,stride=2,padding=1) Flatten Linear(48,2)
[Network(InputShape = new[] { 2, 7, 7 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
[Conv2D(3, 3, Padding = 1, UseBias = false)]
[BatchNorm(Activation.Tanh)]
[MaxPool2D(3, Stride = 2, Padding = 1)]
[Flatten]
[Dense(2)]
public partial class ConvBatchNormMaxPoolAdam { }

[Network(InputShape = new[] { 2, 7, 7 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, Momentum = 0.9f)]
[Conv2D(3, 3, Padding = 1, UseBias = false)]
[BatchNorm(Activation.Tanh)]
[MaxPool2D(3, Stride = 2, Padding = 1)]
[Flatten]
[Dense(2)]
public partial class ConvBatchNormMaxPoolSgd { }
