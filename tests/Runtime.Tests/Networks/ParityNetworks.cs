namespace Neuroslyn.Runtime.Tests.Networks;

// The architectures of Parity/Reference/make_reference.py, declared the Neuroslyn way. The optimizer on each
// declaration does not matter for the reference data: the parity tests set the learning rate per run, and the
// Adam and SGD variants below are the same topology with the other optimizer.

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
