using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Analyzers.Hazards;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>NSL1001–NSL1004: dropout rates and placement.</summary>
public sealed class DropoutRuleTests
{
    private const string DropEverything = """
        using Neuroslyn;

        [Network(Inputs = 4)]
        [Dense(8, Activation.ReLU)]
        [Dropout([|1.0|])]
        [Dense(2)]
        public partial class DropNet { }
        """;

    // NSL1001

    [Fact]
    public void Dropout_of_one_is_an_error_with_the_rate_and_what_to_do()
    {
        Diagnostic diagnostic = RuleAssert.Reports(DropEverything, "NSL1001", "Dropout(1.0) drops every unit: the network learns nothing. Use a rate below 1, such as 0.5.");

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Theory]
    [InlineData("-0.1", "Dropout(-0.1) has a negative rate")]
    [InlineData("1.5", "Dropout(1.5) drops every unit")]
    [InlineData("double.NaN", "Dropout(NaN) is not a number")]
    public void Dropout_outside_zero_to_one_is_NSL1001(string rate, string message)
        => RuleAssert.Reports(DropEverything.Replace("[|1.0|]", $"[|{rate}|]"), "NSL1001", message);

    [Fact]
    public void Dropout_of_one_is_one_diagnostic_and_the_generator_emits_no_network_and_reports_nothing_for_it()
    {
        NetworkRun run = NetworkRun.Run(Neuroslyn.Generator.Tests.MarkedSource.Parse(DropEverything).Source);

        Assert.Equal(["NSL1001"], run.Diagnostics.Select(d => d.Id));
        Assert.Empty(run.Generator.GeneratorDiagnostics);
        Assert.Empty(run.Generator.Networks);
    }

    [Fact]
    public void Dropout_just_below_one_is_not_NSL1001()
        => RuleAssert.DoesNotReport(DropEverything.Replace("[|1.0|]", "0.5"), "NSL1001");

    [Fact]
    public void NSL1001_fix_sets_the_rate_to_one_half()
        => RuleAssert.Fixes(DropEverything, "NSL1001", FixProperties.Fix.SetRate, DropEverything.Replace("[|1.0|]", "0.5"), "DropNet");

    [Fact]
    public void NSL1001_fix_removes_the_layer()
        => RuleAssert.Fixes(DropEverything, "NSL1001", FixProperties.Fix.RemoveLayer, """
            using Neuroslyn;

            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense(2)]
            public partial class DropNet { }
            """, "DropNet");

    // NSL1002

    private const string HighRate = """
        using Neuroslyn;

        [Network(Inputs = 4)]
        [Dense(8, Activation.ReLU)]
        [Dropout([|0.8|])]
        [Dense(2)]
        public partial class HighDropNet { }
        """;

    [Fact]
    public void Dropout_above_one_half_is_NSL1002_with_the_share_and_the_scale()
    {
        Diagnostic diagnostic = RuleAssert.Reports(HighRate, "NSL1002", "Dropout(0.8) drops 80% of the units", "scaled by 1/(1 - 0.8) = 5", "Use a rate of at most 0.5");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("0.2")]
    public void Dropout_of_at_most_one_half_is_not_NSL1002(string rate)
        => RuleAssert.DoesNotReport(HighRate.Replace("[|0.8|]", rate), "NSL1002");

    [Fact]
    public void NSL1002_fix_sets_the_rate_to_the_threshold()
        => RuleAssert.Fixes(HighRate, "NSL1002", FixProperties.Fix.SetRate, HighRate.Replace("[|0.8|]", "0.5"), "HighDropNet");

    // NSL1003

    private const string ZeroRate = """
        using Neuroslyn;

        [Network(Inputs = 4)]
        [Dense(8, Activation.ReLU)]
        [[|Dropout(0.0)|]]
        [Dense(2)]
        public partial class IdleDropNet { }
        """;

    [Fact]
    public void Dropout_of_zero_is_NSL1003_info()
    {
        Diagnostic diagnostic = RuleAssert.Reports(ZeroRate, "NSL1003", "Dropout(0.0) drops no unit");

        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
    }

    [Fact]
    public void Dropout_above_zero_is_not_NSL1003()
        => RuleAssert.DoesNotReport(ZeroRate.Replace("[|Dropout(0.0)|]", "Dropout(0.1)"), "NSL1003");

    [Fact]
    public void NSL1003_fix_removes_the_layer()
        => RuleAssert.Fixes(ZeroRate, "NSL1003", FixProperties.Fix.RemoveLayer, """
            using Neuroslyn;

            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense(2)]
            public partial class IdleDropNet { }
            """, "IdleDropNet");

    [Fact]
    public void NSL1003_fix_all_removes_every_idle_dropout_in_the_document()
    {
        const string source = """
            using Neuroslyn;

            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dropout(0.0)]
            [Dense(8, Activation.ReLU)]
            [Dropout(0)]
            [Dense(2)]
            public partial class IdleDropNet { }

            [Network(Inputs = 3)]
            [Dropout(0.0)]
            [Dense(1)]
            public partial class OtherNet { }
            """;

        string fixedSource = AnalyzerHarness.FixAll(AnalyzerHarness.CreateProject([source]), "NSL1003", Neuroslyn.CodeFixes.NetworkCodeFixProvider.EquivalenceKey("NSL1003", FixProperties.Fix.RemoveLayer));

        Assert.Equal("""
            using Neuroslyn;

            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense(8, Activation.ReLU)]
            [Dense(2)]
            public partial class IdleDropNet { }

            [Network(Inputs = 3)]
            [Dense(1)]
            public partial class OtherNet { }
            """, fixedSource);
        RuleAssert.AssertFixed(fixedSource, "NSL1003", "IdleDropNet");
    }

    // NSL1004

    private const string DropoutThenNorm = """
        using Neuroslyn;

        [Network(Inputs = 4)]
        [Dense(8, Activation.ReLU)]
        [[|Dropout(0.2)|]]
        [BatchNorm]
        [Dense(2)]
        public partial class ShiftNet { }
        """;

    [Fact]
    public void Dropout_directly_before_BatchNorm_is_NSL1004_with_the_variance_factor()
        => RuleAssert.Reports(DropoutThenNorm, "NSL1004", "Dropout(0.2) directly before BatchNorm", "1/(1 - 0.2) = 1.25x");

    [Fact]
    public void Dropout_after_BatchNorm_is_not_NSL1004()
        => RuleAssert.DoesNotReport(DropoutThenNorm.Replace("[[|Dropout(0.2)|]]\n[BatchNorm]", "[BatchNorm]\n[Dropout(0.2)]"), "NSL1004");

    [Fact]
    public void NSL1004_fix_swaps_the_two_layers()
        => RuleAssert.Fixes(DropoutThenNorm, "NSL1004", FixProperties.Fix.SwapWithNext, """
            using Neuroslyn;

            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [BatchNorm]
            [Dropout(0.2)]
            [Dense(2)]
            public partial class ShiftNet { }
            """, "ShiftNet");
}
