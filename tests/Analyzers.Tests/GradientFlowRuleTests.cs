using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Analyzers.Hazards;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>NSL2001 vanishing gradient, NSL2002 exploding gradient, NSL2003 dead ReLU.</summary>
public sealed class GradientFlowRuleTests
{
    // NSL2001

    private const string SigmoidStack = """
        using Neuroslyn;

        [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
        [[|Dense(64, Activation.Sigmoid)|]]
        [Dense(64, Activation.Sigmoid)]
        [Dense(64, Activation.Sigmoid)]
        [Dense(64, Activation.Sigmoid)]
        [Dense(10)]
        public partial class DeepSigmoidNet { }
        """;

    [Fact]
    public void Four_consecutive_sigmoid_layers_are_NSL2001_with_the_estimate()
    {
        Diagnostic diagnostic = RuleAssert.Reports(
            SigmoidStack,
            "NSL2001",
            "4 consecutive Sigmoid hidden layers with no BatchNorm between (sigmoid' <= 0.25)",
            "the gradient reaching weighted layer 1 of 5 (Dense(64, Sigmoid)) is at most 2.0e-3 of the output's",
            "Use ReLU with He initialisation, or insert [BatchNorm] between the layers.");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(4, diagnostic.AdditionalLocations.Count);
    }

    [Fact]
    public void Three_sigmoid_layers_are_not_NSL2001()
        => RuleAssert.DoesNotReport(SigmoidStack.Replace("[[|Dense(64, Activation.Sigmoid)|]]\n", string.Empty), "NSL2001");

    [Fact]
    public void Sigmoid_layers_with_BatchNorm_between_are_not_NSL2001()
        => RuleAssert.DoesNotReport(SigmoidStack.Replace("[[|Dense(64, Activation.Sigmoid)|]]", "[Dense(64, Activation.Sigmoid)]\n[BatchNorm]"), "NSL2001");

    [Fact]
    public void Six_consecutive_tanh_layers_are_NSL2001_with_the_saturated_estimate()
        => RuleAssert.Reports(
            """
            using Neuroslyn;

            [Network(Inputs = 16)]
            [[|Dense(32, Activation.Tanh)|]]
            [Dense(32, Activation.Tanh)]
            [Dropout(0.1)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(1)]
            public partial class DeepTanhNet { }
            """,
            "NSL2001",
            "6 consecutive Tanh hidden layers with no BatchNorm between (tanh' <= 1, but 0.071 at |z| = 2)",
            "once its 6 Tanh layers saturate at |z| = 2");

    [Fact]
    public void Six_tanh_layers_split_by_a_residual_block_are_not_NSL2001()
        => RuleAssert.DoesNotReport(
            """
            using Neuroslyn;
            [Network(Inputs = 16)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Residual]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [EndResidual(Activation.Linear)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(1)]
            public partial class ResidualTanhNet { }
            """,
            "NSL2001");

    [Fact]
    public void Six_tanh_layers_inside_one_residual_block_are_NSL2001()
        => RuleAssert.Reports(
            """
            using Neuroslyn;

            [Network(Inputs = 16)]
            [Dense(32, Activation.ReLU)]
            [Residual]
            [[|Dense(32, Activation.Tanh)|]]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [EndResidual]
            [Dense(1)]
            public partial class TanhBodyNet { }
            """,
            "NSL2001",
            "6 consecutive Tanh hidden layers");

    [Fact]
    public void Five_tanh_layers_are_not_NSL2001()
        => RuleAssert.DoesNotReport(
            """
            using Neuroslyn;
            [Network(Inputs = 16)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(1)]
            public partial class TanhNet { }
            """,
            "NSL2001");

    [Fact]
    public void A_gradient_flow_estimate_below_the_threshold_is_NSL2001_without_a_saturating_run()
        => RuleAssert.Reports(
            """
            using Neuroslyn;

            [Network(Inputs = 8)]
            [[|Dense(64, Activation.Sigmoid)|]]
            [Dense(64, Activation.Sigmoid)]
            [Dense(64, Activation.Tanh)]
            [Dense(64, Activation.Sigmoid)]
            [Dense(64, Activation.Sigmoid)]
            [Dense(1)]
            public partial class MixedNet { }
            """,
            "NSL2001",
            "The layers above Dense(64, Sigmoid) shrink the backward signal",
            "is at most 6.9e-4 of the output's");

    [Fact]
    public void NSL2001_fix_uses_relu_with_he_initialisation()
        => RuleAssert.Fixes(SigmoidStack, "NSL2001", FixProperties.Fix.UseRelu, """
            using Neuroslyn;

            [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
            [Dense(64, Activation.ReLU)]
            [Dense(64, Activation.ReLU)]
            [Dense(64, Activation.ReLU)]
            [Dense(64, Activation.ReLU)]
            [Dense(10)]
            public partial class DeepSigmoidNet { }
            """, "DeepSigmoidNet");

    [Fact]
    public void NSL2001_relu_fix_removes_an_explicit_initializer()
        => RuleAssert.Fixes(
            SigmoidStack.Replace("[[|Dense(64, Activation.Sigmoid)|]]", "[[|Dense(64, Activation.Sigmoid, Initializer = Initializer.GlorotNormal)|]]"),
            "NSL2001",
            FixProperties.Fix.UseRelu,
            SigmoidStack.Replace("[[|Dense(64, Activation.Sigmoid)|]]", "[Dense(64, Activation.ReLU)]").Replace("Activation.Sigmoid", "Activation.ReLU"),
            "DeepSigmoidNet");

    [Fact]
    public void NSL2001_fix_inserts_BatchNorm_after_each_layer()
        => RuleAssert.Fixes(SigmoidStack, "NSL2001", FixProperties.Fix.InsertBatchNorm, """
            using Neuroslyn;

            [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
            [Dense(64, Activation.Sigmoid)]
            [BatchNorm]
            [Dense(64, Activation.Sigmoid)]
            [BatchNorm]
            [Dense(64, Activation.Sigmoid)]
            [BatchNorm]
            [Dense(64, Activation.Sigmoid)]
            [BatchNorm]
            [Dense(10)]
            public partial class DeepSigmoidNet { }
            """, "DeepSigmoidNet");

    // NSL2002

    private const string DeepRelu = """
        using Neuroslyn;

        [[|Network(Inputs = 32)|]]
        [Dense(64, Activation.ReLU)]
        [Dense(64, Activation.ReLU)]
        [Dense(64, Activation.ReLU)]
        [Dense(64, Activation.ReLU)]
        [Dense(64, Activation.ReLU)]
        [Dense(1)]
        public partial class DeepReluNet { }
        """;

    [Fact]
    public void Six_weighted_layers_with_unbounded_activations_and_no_BatchNorm_or_clipping_are_NSL2002()
        => RuleAssert.Reports(
            DeepRelu,
            "NSL2002",
            "6 weighted layers with unbounded activations (ReLU), no BatchNorm and no gradient clipping",
            "nothing bounds the gradient as the weights grow",
            "Clip the gradients (ClipNorm = 1f)");

    [Fact]
    public void Five_weighted_layers_are_not_NSL2002()
        => RuleAssert.DoesNotReport(DeepRelu.Replace("[Dense(64, Activation.ReLU)]\n[Dense(1)]", "[Dense(1)]"), "NSL2002");

    [Fact]
    public void Clipping_clears_NSL2002()
        => RuleAssert.DoesNotReport(DeepRelu.Replace("[[|Network(Inputs = 32)|]]", "[Network(Inputs = 32, ClipNorm = 5f)]"), "NSL2002");

    [Fact]
    public void A_high_learning_rate_with_bounded_activations_is_NSL2002()
        => RuleAssert.Reports(
            DeepRelu.Replace("Network(Inputs = 32)", "Network(Inputs = 32, Optimizer = Optimizer.Sgd, LearningRate = 0.5f)").Replace("Activation.ReLU", "Activation.Tanh"),
            "NSL2002",
            "6 weighted layers with LearningRate = 0.5, 50x SGD's usual 0.01, no BatchNorm and no gradient clipping");

    [Fact]
    public void Layers_that_amplify_the_backward_signal_beyond_the_threshold_are_NSL2002()
        => RuleAssert.Reports(
            """
            using Neuroslyn;

            [[|Network(Inputs = 4)|]]
            [Dense(1, Initializer = Initializer.HeUniform)]
            [Dense(8192, Activation.ReLU)]
            [Dense(8192)]
            public partial class WideningNet { }
            """,
            "NSL2002",
            "No gradient clipping, and the layers above Dense(1) amplify the backward signal",
            "the gradient reaching weighted layer 1 of 3 (Dense(1)) can be as large as 91x the output's (AUTOTRAINER flags a ratio above 70)");

    [Fact]
    public void NSL2002_fix_adds_clipping()
        => RuleAssert.Fixes(DeepRelu, "NSL2002", FixProperties.Fix.AddClipping, DeepRelu.Replace("[[|Network(Inputs = 32)|]]", "[Network(Inputs = 32, ClipNorm = 1f)]"), "DeepReluNet");

    [Fact]
    public void NSL2002_fix_inserts_BatchNorm_after_the_hidden_layers()
        => RuleAssert.Fixes(DeepRelu, "NSL2002", FixProperties.Fix.InsertBatchNorm, """
            using Neuroslyn;

            [Network(Inputs = 32)]
            [Dense(64, Activation.ReLU)]
            [BatchNorm]
            [Dense(64, Activation.ReLU)]
            [BatchNorm]
            [Dense(64, Activation.ReLU)]
            [BatchNorm]
            [Dense(64, Activation.ReLU)]
            [BatchNorm]
            [Dense(64, Activation.ReLU)]
            [BatchNorm]
            [Dense(1)]
            public partial class DeepReluNet { }
            """, "DeepReluNet");

    [Fact]
    public void NSL2002_fix_lowers_a_learning_rate_that_is_the_only_cause()
    {
        string source = DeepRelu.Replace("Network(Inputs = 32)", "Network(Inputs = 32, Optimizer = Optimizer.Sgd, LearningRate = 0.5f)").Replace("Activation.ReLU", "Activation.Tanh");
        RuleAssert.Fixes(source, "NSL2002", FixProperties.Fix.LowerLearningRate, source.Replace("[[|", "[").Replace("|]]", "]").Replace("0.5f", "0.01f"), "DeepReluNet");
    }

    // NSL2003

    private const string FastRelu = """
        using Neuroslyn;

        [Network(Inputs = 8, LearningRate = 0.05f)]
        [[|Dense(16, Activation.ReLU)|]]
        [Dense(16, Activation.ReLU)]
        [Dense(1)]
        public partial class FastReluNet { }
        """;

    [Fact]
    public void ReLU_with_a_learning_rate_above_ten_times_the_default_is_NSL2003()
        => RuleAssert.Reports(
            FastRelu,
            "NSL2003",
            "Dense(16, ReLU) (and 1 more ReLU layer) trains with LearningRate = 0.05, 50x Adam's usual 0.001",
            "Lower the learning rate to 0.001, or use LeakyReLU.");

    [Fact]
    public void ReLU_with_a_high_learning_rate_is_one_diagnostic_NSL2003_rather_than_NSL4001_too()
        => Assert.Equal(["NSL2003"], AnalyzerHarness.Analyze(Neuroslyn.Generator.Tests.MarkedSource.Parse(FastRelu).Source).Select(d => d.Id));

    [Fact]
    public void ReLU_with_the_default_learning_rate_is_not_NSL2003()
        => RuleAssert.DoesNotReport(FastRelu.Replace("LearningRate = 0.05f", "LearningRate = 0.001f"), "NSL2003");

    [Fact]
    public void NSL2003_fix_uses_LeakyReLU()
        => RuleAssert.Fixes(FastRelu, "NSL2003", FixProperties.Fix.UseLeakyRelu, """
            using Neuroslyn;

            [Network(Inputs = 8, LearningRate = 0.05f)]
            [Dense(16, Activation.LeakyReLU)]
            [Dense(16, Activation.LeakyReLU)]
            [Dense(1)]
            public partial class FastReluNet { }
            """, "FastReluNet");

    [Fact]
    public void NSL2003_fix_lowers_the_learning_rate()
        => RuleAssert.Fixes(FastRelu, "NSL2003", FixProperties.Fix.LowerLearningRate, """
            using Neuroslyn;

            [Network(Inputs = 8, LearningRate = 0.001f)]
            [Dense(16, Activation.ReLU)]
            [Dense(16, Activation.ReLU)]
            [Dense(1)]
            public partial class FastReluNet { }
            """, "FastReluNet");
}
