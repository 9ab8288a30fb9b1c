using Neuroslyn;
using Neuroslyn.Weights;

// Saves a 1.6 MB network to args[0] over and over until it is killed; with a second argument, once.
var network = new KillNet();
do
{
    WeightFile.Save(network, args[0]);
}
while (args.Length == 1);

[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
[Dense(512, Activation.ReLU)]
[Dense(10)]
public partial class KillNet { }
