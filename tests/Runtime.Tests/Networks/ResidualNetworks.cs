namespace Neuroslyn.Runtime.Tests.Networks;

// Residual blocks whose backward pass is checked against central finite differences and whose forward pass is checked
// against the double-precision ScalarReference: identity shortcuts at the network's input (a multi-channel image, which
// the network transposes, and a single-channel one, which it reads as it is), a 1 × 1 projection at stride 2 after
// BatchNorm, two blocks in a row, a linear projection of vectors, and a weighted layer before each block so that the
// gradient the shortcut carries back is checked too.

[Network(InputShape = new[] { 2, 5, 5 }, Loss = Loss.MeanSquaredError, Seed = 41)]
[Residual]
[Conv2D(2, 3, Activation.Tanh, Padding = 1)]
[Conv2D(2, 3, Padding = 1)]
[EndResidual(Activation.Tanh)]
[Flatten]
[Dense(3)]
public partial class ResidualIdentityNet { }

[Network(InputShape = new[] { 2, 7, 7 }, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Conv2D(3, 3, Activation.Tanh, Padding = 1)]
[Residual]
[Conv2D(4, 3, Activation.Tanh, Stride = 2, Padding = 1)]
[Conv2D(4, 3, Padding = 1, UseBias = false)]
[BatchNorm]
[EndResidual(Activation.LeakyReLU, LeakySlope = 0.2f)]
[Residual(Name = "block2")]
[Conv2D(4, 3, Padding = 1)]
[EndResidual(Activation.Tanh)]
[GlobalAvgPool2D]
[Dense(3)]
public partial class ResidualProjectionNet { }

[Network(Inputs = 5, Loss = Loss.MeanSquaredError, Seed = 43)]
[Dense(6, Activation.Tanh)]
[Residual]
[Dense(6, Activation.Tanh)]
[Dense(4)]
[EndResidual(Activation.Tanh)]
[Dense(2)]
public partial class ResidualDenseNet { }

[Network(InputShape = new[] { 1, 5, 5 }, Loss = Loss.BinaryCrossEntropy, Seed = 44)]
[Residual]
[Conv2D(1, 3, Activation.Tanh, Padding = 1)]
[EndResidual(Activation.Linear)]
[Flatten]
[Dense(1, Activation.Sigmoid)]
public partial class ResidualSingleChannelNet { }

// A network large enough that its products split across training threads (and whose inference runs in more than one
// block of rows): a stem with BatchNorm and pooling, an identity block, a strided block with a projection, dropout on
// an image, and a dense head. The behaviour tests run it for threads, freezing and allocation.
[Network(InputShape = new[] { 3, 20, 20 }, Loss = Loss.SoftmaxCrossEntropy, Seed = 45)]
[Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Residual]
[Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
[Conv2D(16, 3, Padding = Padding.Same)]
[EndResidual]
[Residual]
[Conv2D(32, 3, Activation.ReLU, Stride = 2, Padding = 1)]
[EndResidual]
[Dropout(0.2)]
[Flatten]
[Dense(10)]
public partial class ResidualCnnNet { }
