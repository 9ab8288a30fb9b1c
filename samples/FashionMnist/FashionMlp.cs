using Neuroslyn;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>
/// The multilayer perceptron the sample trained before it had convolutions (<c>--model mlp</c>): two ReLU layers with
/// dropout between them, and ten logits whose softmax lives in the loss.
/// </summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42, Monitor = true)]
[Dense(256, Activation.ReLU)]
[Dropout(0.2)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class FashionMlp { }
