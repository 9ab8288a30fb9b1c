using Microsoft.CodeAnalysis;
using Neuroslyn.Analyzers.Hazards;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// NSL2001 vanishing gradient, NSL2002 exploding gradient and NSL2003 dead ReLU on convolutional networks: convolutions
/// are weighted layers, pooling and Flatten pass the gradient on without an activation, BatchNorm over channels
/// restarts the estimate.
/// </summary>
public sealed class ConvolutionGradientFlowRuleTests
{
    // NSL2001

    private const string SigmoidCnn = """
        using Neuroslyn;

        [Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy)]
        [[|Conv2D(8, 3, Activation.Sigmoid, Padding = Padding.Same)|]]
        [Conv2D(8, 3, Activation.Sigmoid, Padding = Padding.Same)]
        [MaxPool2D(2)]
        [Conv2D(16, 3, Activation.Sigmoid, Padding = Padding.Same)]
        [Conv2D(16, 3, Activation.Sigmoid, Padding = Padding.Same)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(10)]
        public partial class SigmoidCnn { }
        """;

    [Fact]
    public void Four_sigmoid_convolutions_with_pooling_between_are_NSL2001_with_the_estimate()
    {
        // The estimate by hand (docs/gradient-flow.md): 0.159 (Dense weights, Glorot 784 → 10) · 1/2 (pooling 14 → 7)
        // · 1/4 · 13.3 (√ of 40 · 40 / 9 products per weight) = 0.265 at the fourth convolution, and so on down to 4.3e-3.
        Diagnostic diagnostic = RuleAssert.Reports(
            SigmoidCnn,
            "NSL2001",
            "4 consecutive Sigmoid hidden layers with no BatchNorm between (sigmoid' <= 0.25)",
            "the gradient reaching weighted layer 1 of 5 (Conv2D(8, 3, Sigmoid)) is at most 4.3e-3 of the output's");

        Assert.Equal(4, diagnostic.AdditionalLocations.Count);
    }

    [Fact]
    public void BatchNorm_over_channels_between_sigmoid_convolutions_clears_NSL2001()
        => RuleAssert.DoesNotReport(
            SigmoidCnn.Replace("[Conv2D(8, 3, Activation.Sigmoid, Padding = Padding.Same)]\n", "[Conv2D(8, 3, Activation.Sigmoid, Padding = Padding.Same)]\n[BatchNorm]\n"),
            "NSL2001");

    [Fact]
    public void Flatten_between_sigmoid_convolutions_and_sigmoid_dense_layers_continues_the_run()
        => RuleAssert.Reports(
            """
            using Neuroslyn;

            [Network(InputShape = new[] { 1, 8, 8 })]
            [[|Conv2D(4, 3, Activation.Sigmoid)|]]
            [Conv2D(4, 3, Activation.Sigmoid)]
            [Flatten]
            [Dense(16, Activation.Sigmoid)]
            [Dense(16, Activation.Sigmoid)]
            [Dense(1)]
            public partial class MixedSigmoidNet { }
            """,
            "NSL2001",
            "4 consecutive Sigmoid hidden layers");

    [Fact]
    public void NSL2001_fix_uses_relu_in_every_convolution()
        => RuleAssert.Fixes(
            SigmoidCnn,
            "NSL2001",
            FixProperties.Fix.UseRelu,
            SigmoidCnn.Replace("[[|", "[").Replace("|]]", "]").Replace("Activation.Sigmoid", "Activation.ReLU"),
            "SigmoidCnn");

    [Fact]
    public void NSL2001_fix_inserts_BatchNorm_after_each_convolution()
        => RuleAssert.Fixes(SigmoidCnn, "NSL2001", FixProperties.Fix.InsertBatchNorm, """
            using Neuroslyn;

            [Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy)]
            [Conv2D(8, 3, Activation.Sigmoid, Padding = Padding.Same)]
            [BatchNorm]
            [Conv2D(8, 3, Activation.Sigmoid, Padding = Padding.Same)]
            [BatchNorm]
            [MaxPool2D(2)]
            [Conv2D(16, 3, Activation.Sigmoid, Padding = Padding.Same)]
            [BatchNorm]
            [Conv2D(16, 3, Activation.Sigmoid, Padding = Padding.Same)]
            [BatchNorm]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(10)]
            public partial class SigmoidCnn { }
            """, "SigmoidCnn");

    // NSL2002

    private const string DeepReluCnn = """
        using Neuroslyn;

        [[|Network(InputShape = new[] { 3, 16, 16 })|]]
        [Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
        [Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
        [MaxPool2D(2)]
        [Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
        [Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
        [MaxPool2D(2)]
        [Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)]
        [GlobalAvgPool2D]
        [Dense(10)]
        public partial class DeepReluCnn { }
        """;

    [Fact]
    public void Six_weighted_layers_of_which_five_are_convolutions_are_NSL2002()
        => RuleAssert.Reports(
            DeepReluCnn,
            "NSL2002",
            "6 weighted layers with unbounded activations (ReLU), no BatchNorm and no gradient clipping");

    [Fact]
    public void BatchNorm_over_channels_clears_NSL2002()
        => RuleAssert.DoesNotReport(
            DeepReluCnn.Replace("[MaxPool2D(2)]\n[Conv2D(32", "[BatchNorm]\n[MaxPool2D(2)]\n[Conv2D(32"),
            "NSL2002");

    [Fact]
    public void NSL2002_fix_inserts_BatchNorm_after_the_hidden_convolutions()
        => RuleAssert.Fixes(DeepReluCnn, "NSL2002", FixProperties.Fix.InsertBatchNorm, """
            using Neuroslyn;

            [Network(InputShape = new[] { 3, 16, 16 })]
            [Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
            [BatchNorm]
            [Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
            [BatchNorm]
            [MaxPool2D(2)]
            [Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
            [BatchNorm]
            [Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
            [BatchNorm]
            [MaxPool2D(2)]
            [Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)]
            [BatchNorm]
            [GlobalAvgPool2D]
            [Dense(10)]
            public partial class DeepReluCnn { }
            """, "DeepReluCnn");

    // NSL2003

    private const string FastReluCnn = """
        using Neuroslyn;

        [Network(InputShape = new[] { 1, 8, 8 }, LearningRate = 0.05f)]
        [[|Conv2D(4, 3, Activation.ReLU)|]]
        [Flatten]
        [Dense(1)]
        public partial class FastReluCnn { }
        """;

    [Fact]
    public void A_ReLU_convolution_with_a_high_learning_rate_is_NSL2003()
        => RuleAssert.Reports(FastReluCnn, "NSL2003", "Conv2D(4, 3, ReLU) trains with LearningRate = 0.05, 50x Adam's usual 0.001");

    [Fact]
    public void NSL2003_fix_uses_LeakyReLU_in_the_convolution()
        => RuleAssert.Fixes(
            FastReluCnn,
            "NSL2003",
            FixProperties.Fix.UseLeakyRelu,
            FastReluCnn.Replace("[[|Conv2D(4, 3, Activation.ReLU)|]]", "[Conv2D(4, 3, Activation.LeakyReLU)]"),
            "FastReluCnn");
}
