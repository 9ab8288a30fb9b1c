namespace Neuroslyn.Runtime.Tests.Networks;

/// <summary>XOR: the smallest problem a single layer cannot solve.</summary>
[Network(Inputs = 2, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.05f, Seed = 1)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet { }

/// <summary>The Fashion-MNIST sample's network, declared again so the tests do not depend on the sample.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42)]
[Dense(256, Activation.ReLU)]
[Dropout(0.2)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class FashionTestNet { }
