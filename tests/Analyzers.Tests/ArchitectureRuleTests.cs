using Neuroslyn.Analyzers.Hazards;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>NSL6001 linear hidden layer, NSL6002 bias before BatchNorm, on Dense layers and on convolutions.</summary>
public sealed class ArchitectureRuleTests
{
    private const string LinearHidden = """
        using Neuroslyn;

        [Network(Inputs = 16)]
        [[|Dense(32)|]]
        [Dropout(0.1)]
        [Dense(4)]
        public partial class CollapsedNet { }
        """;

    [Fact]
    public void Hidden_dense_without_activation_feeding_a_dense_is_NSL6001()
        => RuleAssert.Reports(LinearHidden, "NSL6001", "Dense(32) has no activation and feeds Dense(4): two linear maps compose into one, so its 544 parameters add no expressive power. Use Activation.ReLU.");

    [Theory]
    [InlineData("[Dense(32, Activation.ReLU)]")]
    [InlineData("[Dense(32)]\n[BatchNorm(Activation.ReLU)]")]
    public void Hidden_dense_followed_by_an_activation_is_not_NSL6001(string layers)
        => RuleAssert.DoesNotReport(LinearHidden.Replace("[[|Dense(32)|]]", layers), "NSL6001");

    [Fact]
    public void Linear_output_layer_is_not_NSL6001()
        => RuleAssert.DoesNotReport("using Neuroslyn; [Network(Inputs = 4)] [Dense(8, Activation.ReLU)] [Dense(2)] public partial class Net { }", "NSL6001");

    [Fact]
    public void NSL6001_fix_uses_relu()
        => RuleAssert.Fixes(LinearHidden, "NSL6001", FixProperties.Fix.UseRelu, LinearHidden.Replace("[[|Dense(32)|]]", "[Dense(32, Activation.ReLU)]"), "CollapsedNet");

    [Fact]
    public void NSL6001_fix_adds_the_activation_before_named_arguments_and_qualifies_it_as_the_attribute()
        => RuleAssert.Fixes(
            LinearHidden.Replace("[[|Dense(32)|]]", "[[|Neuroslyn.Dense(32, UseBias = false)|]]"),
            "NSL6001",
            FixProperties.Fix.UseRelu,
            LinearHidden.Replace("[[|Dense(32)|]]", "[Neuroslyn.Dense(32, Neuroslyn.Activation.ReLU, UseBias = false)]"),
            "CollapsedNet");

    private const string BiasThenNorm = """
        using Neuroslyn;

        [Network(Inputs = 16)]
        [[|Dense(128)|]]
        [BatchNorm(Activation.ReLU)]
        [Dense(4)]
        public partial class NormNet { }
        """;

    [Fact]
    public void Dense_with_bias_directly_before_BatchNorm_is_NSL6002_info()
    {
        Microsoft.CodeAnalysis.Diagnostic diagnostic = RuleAssert.Reports(BiasThenNorm, "NSL6002", "Dense(128) has a bias, but the BatchNorm after it subtracts the batch mean: its 128 bias values cancel out");

        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, diagnostic.Severity);
    }

    [Fact]
    public void Dense_without_bias_before_BatchNorm_is_not_NSL6002()
        => RuleAssert.DoesNotReport(BiasThenNorm.Replace("[[|Dense(128)|]]", "[Dense(128, UseBias = false)]"), "NSL6002");

    [Fact]
    public void NSL6002_fix_drops_the_bias()
        => RuleAssert.Fixes(BiasThenNorm, "NSL6002", FixProperties.Fix.DropBias, BiasThenNorm.Replace("[[|Dense(128)|]]", "[Dense(128, UseBias = false)]"), "NormNet");

    [Fact]
    public void NSL6002_fix_all_drops_every_redundant_bias()
    {
        const string source = """
            using Neuroslyn;

            [Network(Inputs = 16)]
            [Dense(128)]
            [BatchNorm(Activation.ReLU)]
            [Dense(64)]
            [BatchNorm(Activation.ReLU)]
            [Dense(4)]
            public partial class NormNet { }
            """;

        string fixedSource = AnalyzerHarness.FixAll(AnalyzerHarness.CreateProject([source]), "NSL6002", Neuroslyn.CodeFixes.NetworkCodeFixProvider.EquivalenceKey("NSL6002", FixProperties.Fix.DropBias));

        Assert.Equal(source.Replace("[Dense(128)]", "[Dense(128, UseBias = false)]").Replace("[Dense(64)]", "[Dense(64, UseBias = false)]"), fixedSource);
        RuleAssert.AssertFixed(fixedSource, "NSL6002", "NormNet");
    }

    // Convolutions

    [Theory]
    [InlineData("[Conv2D(8, 3, Activation.ReLU)]\n[Flatten]\n[Dense(10)]", "Conv2D(8, 3, ReLU)")]
    [InlineData("[Flatten]\n[Dense(10)]", "Dense(10)")]
    [InlineData("[AvgPool2D(2)]\n[Flatten]\n[Dense(10)]", "Dense(10)")]
    public void Convolution_without_activation_feeding_a_weighted_layer_through_affine_layers_is_NSL6001(string after, string next)
        => RuleAssert.Reports(
            "using Neuroslyn;\n[Network(InputShape = new[] { 1, 10, 10 })]\n[[|Conv2D(8, 3)|]]\n" + after + "\npublic partial class LinearConvNet { }",
            "NSL6001",
            $"Conv2D(8, 3) has no activation and feeds {next}: two linear maps compose into one, so its 80 parameters add no expressive power.");

    [Fact]
    public void Max_pooling_after_a_convolution_without_activation_is_a_nonlinearity_and_not_NSL6001()
        => RuleAssert.DoesNotReport(
            """
            using Neuroslyn;
            [Network(InputShape = new[] { 1, 10, 10 })]
            [Conv2D(8, 3)]
            [MaxPool2D(2)]
            [Conv2D(8, 3, Activation.ReLU)]
            [Flatten]
            [Dense(10)]
            public partial class PooledConvNet { }
            """,
            "NSL6001");

    private const string ConvBiasThenNorm = """
        using Neuroslyn;

        [Network(InputShape = new[] { 1, 28, 28 })]
        [[|Conv2D(16, 3, Padding = 1)|]]
        [BatchNorm(Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(10)]
        public partial class ConvNormNet { }
        """;

    [Fact]
    public void Convolution_with_bias_directly_before_BatchNorm_is_NSL6002_with_one_bias_per_filter()
        => RuleAssert.Reports(ConvBiasThenNorm, "NSL6002", "Conv2D(16, 3) has a bias, but the BatchNorm after it subtracts the batch mean: its 16 bias values cancel out");

    [Theory]
    [InlineData("[Conv2D(16, 3, Padding = 1, UseBias = false)]")]
    [InlineData("[Conv2D(16, 3, Activation.ReLU, Padding = 1)]")]
    public void Convolution_without_bias_or_with_an_activation_before_BatchNorm_is_not_NSL6002(string layer)
        => RuleAssert.DoesNotReport(ConvBiasThenNorm.Replace("[[|Conv2D(16, 3, Padding = 1)|]]", layer), "NSL6002");

    [Fact]
    public void NSL6002_fix_drops_the_convolutions_bias()
        => RuleAssert.Fixes(
            ConvBiasThenNorm,
            "NSL6002",
            FixProperties.Fix.DropBias,
            ConvBiasThenNorm.Replace("[[|Conv2D(16, 3, Padding = 1)|]]", "[Conv2D(16, 3, Padding = 1, UseBias = false)]"),
            "ConvNormNet");
}
