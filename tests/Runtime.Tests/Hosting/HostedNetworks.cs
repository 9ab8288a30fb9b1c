namespace Neuroslyn.Runtime.Tests.Hosting;

/// <summary>The network the hosting tests serve.</summary>
[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(5, Activation.ReLU)]
[Dropout(0.2)]
[Dense(3, Activation.Softmax)]
public partial class HostedNet { }

/// <summary>Same inputs and outputs, another hidden width: its weight file does not fit <see cref="HostedNet"/>.</summary>
[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 4)]
[Dense(4, Activation.ReLU)]
[Dropout(0.2)]
[Dense(3, Activation.Softmax)]
public partial class NarrowerHostedNet { }
