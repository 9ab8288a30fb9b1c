using Neuroslyn;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>
/// A small convolutional network for 28 × 28 grey-scale clothing images, the sample's default and what the inference
/// service serves: two blocks of a 3 × 3 convolution, BatchNorm over its channels with ReLU, and 2 × 2 max pooling
/// (28 → 14 → 7), then a dense layer of 128 with BatchNorm and ReLU, dropout, and ten logits whose softmax lives in the
/// loss. The weighted layers before a BatchNorm have no bias: it subtracts the batch mean, which would cancel it
/// (NSL6002). The Neuroslyn generator writes the rest of this class.
/// </summary>
[Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 2e-3f, Seed = 42, Monitor = true)]
[Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(32, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[Dropout(0.3)]
[Dense(10)]
public partial class FashionNet
{
    /// <summary>The ten classes, in label order.</summary>
    public static readonly string[] ClassNames =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];
}
