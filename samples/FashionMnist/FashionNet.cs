using Neuroslyn;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>
/// A multilayer perceptron for 28 × 28 grey-scale clothing images: two ReLU layers with dropout between them,
/// and ten logits whose softmax lives in the loss. The Neuroslyn generator writes the rest of this class.
/// </summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42, Monitor = true)]
[Dense(256, Activation.ReLU)]
[Dropout(0.2)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class FashionNet
{
    /// <summary>The ten classes, in label order.</summary>
    public static readonly string[] ClassNames =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];
}
