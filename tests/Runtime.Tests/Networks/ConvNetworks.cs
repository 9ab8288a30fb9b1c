namespace Neuroslyn.Runtime.Tests.Networks;

// Small image networks whose backward pass is checked against central finite differences and whose forward pass is
// checked against the double-precision ScalarConvReference. Between them they use every convolution option (valid,
// numeric and "same" padding with an odd and an even kernel, stride, dilation, groups, depthwise, a 1 × 1 convolution,
// no bias), both poolings with stride and padding, global average pooling, BatchNorm over channels, Dropout on an image,
// several input channels (transposed to channels-last by the network) and Flatten into a dense layer.

[Network(InputShape = new[] { 2, 6, 5 }, Loss = Loss.MeanSquaredError, Seed = 31)]
[Conv2D(3, 3, Activation.Tanh)]
[MaxPool2D(2, Padding = 1)]
[Flatten]
[Dense(4)]
public partial class ConvValidNet { }

[Network(InputShape = new[] { 1, 7, 7 }, Loss = Loss.SoftmaxCrossEntropy, Seed = 32)]
[Conv2D(4, 3, Activation.LeakyReLU, Padding = Padding.Same, Stride = 2, LeakySlope = 0.2f)]
[AvgPool2D(2, Stride = 1, Padding = 1)]
[Flatten]
[Dense(3)]
public partial class ConvStridedSameNet { }

[Network(InputShape = new[] { 2, 7, 6 }, Loss = Loss.MeanSquaredError, Seed = 33)]
[Conv2D(3, 3, Activation.Sigmoid, Dilation = 2, Padding = 1, UseBias = false)]
[Conv2D(2, 2, Activation.Tanh, Padding = Padding.Same)]
[GlobalAvgPool2D]
[Dense(2)]
public partial class ConvDilatedEvenSameNet { }

[Network(InputShape = new[] { 4, 5, 5 }, Loss = Loss.MeanSquaredError, Seed = 34)]
[Conv2D(6, 3, Activation.Tanh, Groups = 2, Padding = 1)]
[Conv2D(6, 3, Activation.Tanh, Groups = 6, Padding = Padding.Same)]
[Conv2D(12, 3, Groups = 6, Stride = 2)]
[Conv2D(3, 1, Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class ConvGroupsNet { }

[Network(InputShape = new[] { 3, 5, 5 }, Loss = Loss.SoftmaxCrossEntropy, Seed = 35)]
[Conv2D(4, 3, Padding = 1)]
[BatchNorm(Activation.Tanh)]
[AvgPool2D(3, Stride = 2, Padding = 1)]
[Dropout(0.3)]
[Flatten]
[Dense(3)]
public partial class ConvBatchNormNet { }

// Padded, overlapping max pooling right after BatchNorm over channels: BatchNorm's outputs in a window are a batch's
// normalised values, and the pooling's gradient goes to each window's first maximum, which the check needs untied.
[Network(InputShape = new[] { 2, 7, 7 }, Loss = Loss.MeanSquaredError, Seed = 36)]
[Conv2D(3, 3, Padding = 1, UseBias = false)]
[BatchNorm(Activation.Tanh)]
[MaxPool2D(3, Stride = 2, Padding = 1)]
[Flatten]
[Dense(2)]
public partial class ConvBatchNormMaxPoolNet { }
