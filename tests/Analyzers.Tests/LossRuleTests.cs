using Neuroslyn.Analyzers.Hazards;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>NSL5001 softmax cross-entropy over one output, NSL5002 an output activation the loss applies again.</summary>
public sealed class LossRuleTests
{
    private const string OneOutput = """
        using Neuroslyn;

        [Network(Inputs = 4, [|Loss = Loss.SoftmaxCrossEntropy|])]
        [Dense(8, Activation.ReLU)]
        [Dense(1)]
        public partial class OneClassNet { }
        """;

    [Fact]
    public void Softmax_cross_entropy_over_one_output_is_an_error()
    {
        Microsoft.CodeAnalysis.Diagnostic diagnostic = RuleAssert.Reports(OneOutput, "NSL5001", "the softmax of a single value is always 1, so the loss is always 0");

        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Softmax_cross_entropy_over_two_outputs_is_not_NSL5001()
        => RuleAssert.DoesNotReport(OneOutput.Replace("[Dense(1)]", "[Dense(2)]"), "NSL5001");

    [Fact]
    public void NSL5001_fix_uses_binary_cross_entropy()
        => RuleAssert.Fixes(OneOutput, "NSL5001", FixProperties.Fix.SetLoss, OneOutput.Replace("[|Loss = Loss.SoftmaxCrossEntropy|]", "Loss = Loss.BinaryCrossEntropy"), "OneClassNet");

    [Fact]
    public void NSL5001_fix_gives_the_output_two_units()
        => RuleAssert.Fixes(OneOutput, "NSL5001", FixProperties.Fix.TwoOutputUnits, OneOutput.Replace("[|", string.Empty).Replace("|]", string.Empty).Replace("[Dense(1)]", "[Dense(2)]"), "OneClassNet");

    private const string SigmoidSoftmax = """
        using Neuroslyn;

        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
        [Dense(8, Activation.ReLU)]
        [Dense(10, [|Activation.Sigmoid|])]
        public partial class SquashedNet { }
        """;

    [Fact]
    public void Sigmoid_output_with_softmax_cross_entropy_is_NSL5002_with_the_best_probability()
        => RuleAssert.Reports(
            SigmoidSoftmax,
            "NSL5002",
            "The output layer applies Sigmoid and Loss.SoftmaxCrossEntropy applies softmax to its result",
            "the largest probability the loss can give one of 10 classes is e/(e + 9) = 0.23 and the loss never falls below 1.5",
            "or use Loss.BinaryCrossEntropy");

    [Fact]
    public void Softmax_output_with_binary_cross_entropy_is_NSL5002()
        => RuleAssert.Reports(
            SigmoidSoftmax.Replace("SoftmaxCrossEntropy", "BinaryCrossEntropy").Replace("Sigmoid", "Softmax"),
            "NSL5002",
            "The output layer applies Softmax and Loss.BinaryCrossEntropy applies a sigmoid to its result",
            "between 0.5 and 0.73");

    [Theory]
    [InlineData("Loss.SoftmaxCrossEntropy", "Activation.Softmax")]
    [InlineData("Loss.BinaryCrossEntropy", "Activation.Sigmoid")]
    [InlineData("Loss.SoftmaxCrossEntropy", "Activation.Linear")]
    public void Activations_the_loss_folds_in_are_not_NSL5002(string loss, string activation)
        => RuleAssert.DoesNotReport(SigmoidSoftmax.Replace("Loss.SoftmaxCrossEntropy", loss).Replace("[|Activation.Sigmoid|]", activation), "NSL5002");

    [Fact]
    public void NSL5002_fix_outputs_logits()
        => RuleAssert.Fixes(SigmoidSoftmax, "NSL5002", FixProperties.Fix.OutputLogits, SigmoidSoftmax.Replace("[|Activation.Sigmoid|]", "Activation.Linear"), "SquashedNet");

    [Fact]
    public void NSL5002_fix_uses_the_loss_that_matches_the_activation()
        => RuleAssert.Fixes(
            SigmoidSoftmax,
            "NSL5002",
            FixProperties.Fix.SetLoss,
            SigmoidSoftmax.Replace("Loss.SoftmaxCrossEntropy", "Loss.BinaryCrossEntropy").Replace("[|Activation.Sigmoid|]", "Activation.Sigmoid"),
            "SquashedNet");
}
