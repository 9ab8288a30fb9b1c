using Neuroslyn.Analyzers.Hazards;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>NSL3001 He with Sigmoid/Tanh, NSL3002 Glorot with ReLU.</summary>
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
}
