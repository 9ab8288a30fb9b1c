using Neuroslyn;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>
/// A small ResNet (<c>--model resnet</c>): a stem of a 3 × 3 convolution with BatchNorm, ReLU and 2 × 2 max pooling
/// (28 → 14), a basic block that keeps 16 × 14 × 14 (its shortcut the identity), a basic block that halves the image
/// and doubles the channels (its shortcut a 1 × 1 convolution at stride 2: 32 × 7 × 7), then global average pooling
/// into ten logits, as ResNet ends. In PyTorch each block is one <c>Residual</c> module
/// (docs/pytorch/neuroslyn_modules.py), so its weights are <c>layer1.body.0.weight</c>, <c>layer2.shortcut.weight</c>.
/// </summary>
[Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 2e-3f, Seed = 42, Monitor = true)]
[Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Residual(Name = "layer1")]
[Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm]
[EndResidual(Activation.ReLU)]
[Residual(Name = "layer2")]
[Conv2D(32, 3, Stride = 2, Padding = 1, UseBias = false)]
[BatchNorm(Activation.ReLU)]
[Conv2D(32, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm]
[EndResidual(Activation.ReLU)]
[GlobalAvgPool2D]
[Dense(10)]
public partial class FashionResNet { }
