using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Analyzers.Hazards;
using Neuroslyn.Generator.Tests;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>NSL6003: a convolution's or pooling's kernel larger than an input side of 1 pixel mostly multiplies padding.</summary>
public sealed class KernelOverPaddingRuleTests
{
    // 8 × 8, then pooled to 4 × 4, 2 × 2 and 1 × 1 before the second convolution.
    private const string PooledAway = """
        using Neuroslyn;

        [Network(InputShape = new[] { 1, 8, 8 }, Loss = Loss.SoftmaxCrossEntropy)]
        [Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)]
        [MaxPool2D(2)]
        [MaxPool2D(2)]
        [MaxPool2D(2)]
        [Conv2D(16, [|3|], Activation.ReLU, Padding = 1)]
        [Flatten]
        [Dense(10)]
        public partial class PooledAwayNet { }
        """;

    [Fact]
    public void A_3x3_convolution_over_a_1x1_image_is_NSL6003_naming_the_layer_the_shape_and_the_fix()
    {
        Diagnostic diagnostic = RuleAssert.Reports(
            PooledAway,
            "NSL6003",
            "Conv2D(16, 3, ReLU) sees an input of 8 × 1 × 1 (MaxPool2D(2) before it makes it 1 × 1): at any position at most 1 of the 9 taps of its 3 × 3 kernel lie on the image and the rest multiply padding. "
            + "Remove a stride or a pooling before it so that the image stays at least 3 × 3, or use a 1 × 1 convolution (kernel 1) or [GlobalAvgPool2D] there.");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void A_3x3_convolution_over_a_2x2_image_is_not_NSL6003()
        => RuleAssert.DoesNotReport(PooledAway.Replace("[MaxPool2D(2)]\n[Conv2D(16", "[Conv2D(16"), "NSL6003");

    [Fact]
    public void A_1x1_convolution_over_a_1x1_image_is_not_NSL6003()
        => RuleAssert.DoesNotReport(PooledAway.Replace("[|3|], Activation.ReLU, Padding = 1", "1, Activation.ReLU"), "NSL6003");

    [Fact]
    public void Pooling_with_a_window_larger_than_1_over_a_1x1_image_is_NSL6003_without_a_fix()
    {
        string source = PooledAway.Replace("[Conv2D(16, [|3|], Activation.ReLU, Padding = 1)]", "[MaxPool2D([|2|], Padding = 1)]");

        Diagnostic diagnostic = RuleAssert.Reports(source, "NSL6003", "MaxPool2D(2) sees an input of 8 × 1 × 1 (MaxPool2D(2) before it makes it 1 × 1): at any position at most 1 of the 4 taps of its 2 × 2 kernel");

        // Removing or shrinking a pooling changes what the layers after it see: not a fix to apply blindly.
        Project project = AnalyzerHarness.CreateProject([MarkedSource.Parse(source).Source]);
        Assert.Empty(AnalyzerHarness.Actions(project, AnalyzerHarness.Analyze(project).Single(d => d.Id == "NSL6003")));
        Assert.Equal("NSL6003", diagnostic.Id);
    }

    [Fact]
    public void Pooling_with_a_window_of_1_over_a_1x1_image_is_not_NSL6003()
        => RuleAssert.DoesNotReport(PooledAway.Replace("[Conv2D(16, [|3|], Activation.ReLU, Padding = 1)]", "[MaxPool2D(1)]"), "NSL6003");

    private const string OneRow = """
        using Neuroslyn;

        [Network(InputShape = new[] { 1, 1, 16 })]
        [Conv2D(4, [|3|], Activation.ReLU, Padding = 1)]
        [Flatten]
        [Dense(1)]
        public partial class OneRowNet { }
        """;

    [Fact]
    public void A_3x3_convolution_over_an_input_1_pixel_high_is_NSL6003_with_one_row_of_taps_and_no_fix()
    {
        Diagnostic diagnostic = RuleAssert.Reports(OneRow, "NSL6003", "Conv2D(4, 3, ReLU) sees an input of 1 × 1 × 16 (the network's input): at any position at most 3 of the 9 taps");

        // A 1 × 1 kernel would drop the row's neighbours, which the 3 × 3 one does see.
        Project project = AnalyzerHarness.CreateProject([MarkedSource.Parse(OneRow).Source]);
        Assert.Empty(AnalyzerHarness.Actions(project, AnalyzerHarness.Analyze(project).Single(d => d.Id == diagnostic.Id)));
    }

    [Fact]
    public void NSL6003_fix_uses_a_1x1_kernel_without_padding()
        => RuleAssert.Fixes(
            PooledAway,
            "NSL6003",
            FixProperties.Fix.KernelOfOne,
            PooledAway.Replace("[Conv2D(16, [|3|], Activation.ReLU, Padding = 1)]", "[Conv2D(16, 1, Activation.ReLU)]"),
            "PooledAwayNet");

    [Fact]
    public void NSL6003_fix_removes_same_padding_and_keeps_the_other_arguments()
    {
        string source = PooledAway.Replace("Activation.ReLU, Padding = 1)", "Activation.ReLU, Padding = Padding.Same, UseBias = false)");

        RuleAssert.Fixes(
            source,
            "NSL6003",
            FixProperties.Fix.KernelOfOne,
            source.Replace("[Conv2D(16, [|3|], Activation.ReLU, Padding = Padding.Same, UseBias = false)]", "[Conv2D(16, 1, Activation.ReLU, UseBias = false)]"),
            "PooledAwayNet");
    }

    [Fact]
    public void Editorconfig_sets_the_largest_side_reported()
    {
        string twoByTwo = MarkedSource.Parse(PooledAway.Replace("[MaxPool2D(2)]\n[Conv2D(16", "[Conv2D(16")).Source;

        Assert.DoesNotContain(AnalyzerHarness.Analyze(twoByTwo), d => d.Id == "NSL6003");
        Diagnostic diagnostic = Assert.Single(AnalyzerHarness.Analyze(twoByTwo, "[*.cs]\nneuroslyn.kernel_over_padding_side = 2\n"), d => d.Id == "NSL6003");
        Assert.Contains("sees an input of 8 × 2 × 2 (MaxPool2D(2) before it makes it 2 × 2): at any position at most 4 of the 9 taps", AnalyzerHarness.Message(diagnostic));
    }
}
