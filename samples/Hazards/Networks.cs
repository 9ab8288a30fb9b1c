using Neuroslyn;

// Each network trips exactly one rule, reported at the line marked with its id (tests/Analyzers.Tests reads the
// markers). docs/diagnostics/<ID>.md explains each one; the IDE offers the code fixes.

namespace Neuroslyn.Samples.Hazards;

[Network(Inputs = 4)]
[Dense(8, Activation.ReLU)]
[Dropout(0.8)] // NSL1002
[Dense(2)]
public partial class HeavyDropoutNet { }

[Network(Inputs = 4)]
[Dense(8, Activation.ReLU)]
[Dropout(0.0)] // NSL1003
[Dense(2)]
public partial class IdleDropoutNet { }

[Network(Inputs = 4)]
[Dense(8, Activation.ReLU)]
[Dropout(0.2)] // NSL1004
[BatchNorm]
[Dense(2)]
public partial class DropoutBeforeNormNet { }

[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
[Dense(64, Activation.Sigmoid)] // NSL2001
[Dense(64, Activation.Sigmoid)]
[Dense(64, Activation.Sigmoid)]
[Dense(64, Activation.Sigmoid)]
[Dense(10)]
public partial class DeepSigmoidNet { }

[Network(Inputs = 32)] // NSL2002
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(1)]
public partial class DeepUnclippedNet { }

[Network(Inputs = 8, Optimizer = Optimizer.Sgd, LearningRate = 0.5f)]
[Dense(16, Activation.ReLU)] // NSL2003
[Dense(1)]
public partial class FastReluNet { }

[Network(Inputs = 8)]
[Dense(16, Activation.Tanh, Initializer = Initializer.HeUniform)] // NSL3001
[Dense(1)]
public partial class HeTanhNet { }

[Network(Inputs = 8)]
[Dense(16, Activation.ReLU, Initializer = Initializer.GlorotUniform)] // NSL3002
[Dense(1)]
public partial class GlorotReluNet { }

[Network(Inputs = 8, LearningRate = 0.1f)] // NSL4001
[Dense(16, Activation.Tanh)]
[Dense(1)]
public partial class FastTanhNet { }

[Network(Inputs = 8, LearningRate = 1e-9f)] // NSL4002
[Dense(16, Activation.Tanh)]
[Dense(1)]
public partial class CrawlingNet { }

[Network(Inputs = 8)]
[Dense(16)] // NSL6001
[Dense(1)]
public partial class CollapsedNet { }

[Network(Inputs = 8)]
[Dense(16)] // NSL6002
[BatchNorm(Activation.ReLU)]
[Dense(1)]
public partial class BiasBeforeNormNet { }

[Network(InputShape = new[] { 1, 8, 8 })]
[Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[MaxPool2D(2)]
[MaxPool2D(2)]
[Conv2D(16, 3, Activation.ReLU, Padding = 1)] // NSL6003
[Flatten]
[Dense(1)]
public partial class PooledAwayNet { }

#if HAZARD_ERRORS
// The error rules: each fails the build.

[Network(Inputs = 4)]
[Dense(8, Activation.ReLU)]
[Dropout(1.0)] // NSL1001
[Dense(2)]
public partial class DropEverythingNet { }

[Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)] // NSL5001
[Dense(8, Activation.ReLU)]
[Dense(1)]
public partial class OneClassNet { }

[Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
[Dense(8, Activation.ReLU)]
[Dense(10, Activation.Sigmoid)] // NSL5002
public partial class SquashedTwiceNet { }
#endif
