namespace Neuroslyn.Runtime.Tests.Networks;

// Small networks whose backward pass is checked against central finite differences. Between them they use
// every activation, every loss, both folded output activations, BatchNorm (also as the first layer), Dropout,
// a dense layer without bias, and widths that are not multiples of any vector width (so every kernel's
// leftover-column code runs).

[Network(Inputs = 5, Loss = Loss.MeanSquaredError, Seed = 1)]
[Dense(7, Activation.Sigmoid)]
[Dense(6, Activation.Tanh)]
[Dense(6, Activation.LeakyReLU, LeakySlope = 0.1f)]
[Dense(5, Activation.ReLU)]
[Dense(4)]
public partial class EveryActivationNet { }

[Network(Inputs = 4, Loss = Loss.MeanSquaredError, Seed = 2)]
[Dense(6, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class SoftmaxMseNet { }

[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(9, Activation.Tanh)]
[Dense(4)]
public partial class CrossEntropyLogitsNet { }

[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 4)]
[Dense(9, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class CrossEntropyFoldedSoftmaxNet { }

[Network(Inputs = 5, Loss = Loss.BinaryCrossEntropy, Seed = 5)]
[Dense(7, Activation.Tanh)]
[Dense(3)]
public partial class BinaryLogitsNet { }

[Network(Inputs = 5, Loss = Loss.BinaryCrossEntropy, Seed = 6)]
[Dense(7, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class BinaryFoldedSigmoidNet { }

[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 7)]
[BatchNorm]
[Dense(8)]
[BatchNorm(Activation.Tanh)]
[Dense(7, UseBias = false)]
[BatchNorm(Activation.Sigmoid, Momentum = 0.2, Epsilon = 1e-3)]
[Dense(3)]
public partial class BatchNormNet { }

[Network(Inputs = 6, Loss = Loss.MeanSquaredError, Seed = 8)]
[Dense(10, Activation.Tanh)]
[Dropout(0.3)]
[Dense(8, Activation.Tanh)]
[Dropout(0.5)]
[Dense(3)]
public partial class DropoutNet { }

[Network(Inputs = 37, Loss = Loss.SoftmaxCrossEntropy, Seed = 9)]
[Dense(45, Activation.Tanh)]
[Dense(19, Activation.Sigmoid)]
[Dense(33)]
public partial class WideTailNet { }

[Network(Inputs = 5, Loss = Loss.MeanSquaredError, Seed = 10)]
[Dense(7, Activation.Sigmoid)]
[Dense(6)]
[Dense(6, Activation.ReLU)]
[Dense(6, Activation.LeakyReLU)]
[Dense(4)]
public partial class PiecewiseLinearNet { }

[Network(Inputs = 70, Loss = Loss.SoftmaxCrossEntropy, Seed = 11)]
[Dense(100, Activation.ReLU)]
[Dense(65, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class WideInferenceNet { }

[Network(Inputs = 3, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, ClipNorm = 0.5f, WeightDecay = 0.01f, Seed = 12)]
[Dense(2)]
public partial class ClippedDecayedNet { }

// Deep enough for several depth blocks of the kernels' packed panels at every vector width but scalar (4400 and
// 2060 inputs; blocks of up to 2048 when the depth is a layer's width, of 64 to 512 when it is the batch), with a
// leftover column tail (36 = 2 × 16 + 4) and weight gradients over 4400 and 2060 rows, neither a multiple of 6; 4400
// rows are tall enough that the weight gradient's packed copy of x takes blocks shallower than the panels' (238).
[Network(Inputs = 4400, Loss = Loss.SoftmaxCrossEntropy, Seed = 12)]
[Dense(36, Activation.ReLU)]
[Dense(2060, Activation.LeakyReLU, LeakySlope = 0.05f)]
[Dense(3)]
public partial class DeepBlockNet { }

// Wide enough, at 300 rows, for several row blocks of the batched products and several groups of 8 column panels at
// every width (300 columns: 9 panels of 32 to 150 of 2, then a leftover tail), so that the first row block copies
// panels a group at a time and the later row blocks read those copies: 520 inputs make row blocks of 90 rows for the
// forward product, and the weight gradient's 520 rows blocks of 192. The input gradient of layer 1 copies its 300
// columns' panels straight out of W, transposed, 20 deep (8 × 8 blocks and a remainder).
[Network(Inputs = 520, Loss = Loss.SoftmaxCrossEntropy, Seed = 13)]
[Dense(300, Activation.ReLU)]
[Dense(20, Activation.ReLU)]
[Dense(3)]
public partial class GroupedPanelsNet { }
