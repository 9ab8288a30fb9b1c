using Neuroslyn.Analyzers.Hazards;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// NSL3001 He with Sigmoid/Tanh, NSL3002 Glorot with ReLU, on Dense layers and on convolutions, whose fans are PyTorch's:
/// fan_in = in-channels / groups × kernel area, fan_out = filters × kernel area.
/// </summary>
public sealed class InitializerRuleTests
{
    private const string HeSigmoid = """
        using Neuroslyn;

        [Network(Inputs = 100)]
        [Dense(50, Activation.Sigmoid, [|Initializer = Initializer.HeNormal|])]
        [Dense(1)]
        public partial class HeSigmoidNet { }
        """;

    [Fact]
    public void He_with_sigmoid_is_NSL3001_with_both_variances()
        => RuleAssert.Reports(
            HeSigmoid,
            "NSL3001",
            "Initializer.HeNormal is meant for ReLU: with Sigmoid it draws weights with variance 2/fan_in = 0.02, 1.5x Glorot's 2/(fan_in + fan_out) = 0.013",
            "Use Initializer.GlorotNormal, or leave Initializer unset.");

    [Fact]
    public void He_with_tanh_is_NSL3001()
        => RuleAssert.Reports(HeSigmoid.Replace("Activation.Sigmoid", "Activation.Tanh").Replace("HeNormal", "HeUniform"), "NSL3001", "with Tanh", "Use Initializer.GlorotUniform");

    [Fact]
    public void Glorot_with_sigmoid_and_unset_initializers_are_not_NSL3001()
    {
        RuleAssert.DoesNotReport(HeSigmoid.Replace("HeNormal", "GlorotNormal"), "NSL3001");
        RuleAssert.DoesNotReport(HeSigmoid.Replace(", [|Initializer = Initializer.HeNormal|]", string.Empty), "NSL3001");
    }

    [Fact]
    public void NSL3001_fix_uses_the_matching_glorot_initializer()
        => RuleAssert.Fixes(HeSigmoid, "NSL3001", FixProperties.Fix.SetInitializer, HeSigmoid.Replace("[|Initializer = Initializer.HeNormal|]", "Initializer = Initializer.GlorotNormal"), "HeSigmoidNet");

    private const string GlorotRelu = """
        using Neuroslyn;

        [Network(Inputs = 256)]
        [Dense(128, Activation.ReLU, [|Initializer = Initializer.GlorotUniform|])]
        [Dense(10)]
        public partial class GlorotReluNet { }
        """;

    [Fact]
    public void Glorot_with_relu_is_NSL3002_info_with_the_variance_factor()
    {
        Microsoft.CodeAnalysis.Diagnostic diagnostic = RuleAssert.Reports(
            GlorotRelu,
            "NSL3002",
            "Initializer.GlorotUniform is meant for symmetric activations: ReLU zeroes about half of its inputs, so with variance 2/(fan_in + fan_out) = 5.2e-3 instead of He's 2/fan_in = 7.8e-3 the signal's variance is multiplied by 0.667 at this layer",
            "Use Initializer.HeUniform");

        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, diagnostic.Severity);
    }

    [Fact]
    public void He_with_relu_is_not_NSL3002()
        => RuleAssert.DoesNotReport(GlorotRelu.Replace("GlorotUniform", "HeUniform"), "NSL3002");

    [Fact]
    public void NSL3002_fix_uses_the_matching_he_initializer()
        => RuleAssert.Fixes(GlorotRelu, "NSL3002", FixProperties.Fix.SetInitializer, GlorotRelu.Replace("[|Initializer = Initializer.GlorotUniform|]", "Initializer = Initializer.HeUniform"), "GlorotReluNet");

    [Fact]
    public void NSL3002_fix_keeps_a_fully_qualified_enum_qualified()
        => RuleAssert.Fixes(
            GlorotRelu.Replace("Initializer = Initializer.GlorotUniform", "Initializer = Neuroslyn.Initializer.GlorotUniform"),
            "NSL3002",
            FixProperties.Fix.SetInitializer,
            GlorotRelu.Replace("[|Initializer = Initializer.GlorotUniform|]", "Initializer = Neuroslyn.Initializer.HeUniform"),
            "GlorotReluNet");

    // Convolutions

    private const string HeSigmoidConv = """
        using Neuroslyn;

        [Network(InputShape = new[] { 3, 32, 32 })]
        [Conv2D(32, 3, Activation.Sigmoid, [|Initializer = Initializer.HeNormal|])]
        [GlobalAvgPool2D]
        [Dense(1)]
        public partial class HeSigmoidCnn { }
        """;

    [Fact]
    public void He_with_a_sigmoid_convolution_is_NSL3001_with_the_convolutions_fans()
        // fan_in = 3 · 9 = 27, fan_out = 32 · 9 = 288: 2/27 = 0.074, (27 + 288)/27 = 11.7, 2/315 = 6.3e-3.
        => RuleAssert.Reports(
            HeSigmoidConv,
            "NSL3001",
            "Initializer.HeNormal is meant for ReLU: with Sigmoid it draws weights with variance 2/fan_in = 0.074, 11.7x Glorot's 2/(fan_in + fan_out) = 6.3e-3",
            "Use Initializer.GlorotNormal");

    [Fact]
    public void NSL3001_fix_sets_the_convolutions_initializer()
        => RuleAssert.Fixes(HeSigmoidConv, "NSL3001", FixProperties.Fix.SetInitializer, HeSigmoidConv.Replace("[|Initializer = Initializer.HeNormal|]", "Initializer = Initializer.GlorotNormal"), "HeSigmoidCnn");

    private const string GlorotReluDepthwise = """
        using Neuroslyn;

        [Network(InputShape = new[] { 32, 8, 8 })]
        [Conv2D(32, 3, Activation.ReLU, Groups = 32, Padding = Padding.Same, [|Initializer = Initializer.GlorotUniform|])]
        [GlobalAvgPool2D]
        [Dense(10)]
        public partial class GlorotReluDepthwiseNet { }
        """;

    [Fact]
    public void Glorot_with_a_relu_depthwise_convolution_is_NSL3002_with_fan_in_divided_by_the_groups()
        // fan_in = 32/32 · 9 = 9, fan_out = 32 · 9 = 288: Glorot 2/297 = 6.7e-3, He 2/9 = 0.22, 9/297 = 0.0303.
        => RuleAssert.Reports(
            GlorotReluDepthwise,
            "NSL3002",
            "with variance 2/(fan_in + fan_out) = 6.7e-3 instead of He's 2/fan_in = 0.22 the signal's variance is multiplied by 0.0303 at this layer",
            "Use Initializer.HeUniform");

    [Fact]
    public void He_with_a_relu_convolution_is_not_NSL3002()
        => RuleAssert.DoesNotReport(GlorotReluDepthwise.Replace("GlorotUniform", "HeUniform"), "NSL3002");

    [Fact]
    public void NSL3002_fix_sets_the_convolutions_initializer()
        => RuleAssert.Fixes(GlorotReluDepthwise, "NSL3002", FixProperties.Fix.SetInitializer, GlorotReluDepthwise.Replace("[|Initializer = Initializer.GlorotUniform|]", "Initializer = Initializer.HeUniform"), "GlorotReluDepthwiseNet");
}
