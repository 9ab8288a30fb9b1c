using Neuroslyn.Analyzers.Hazards;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>NSL4001 learning rate too high, NSL4002 too low.</summary>
public sealed class LearningRateRuleTests
{
    private const string FastAdam = """
        using Neuroslyn;

        [Network(Inputs = 4, [|LearningRate = 0.1f|])]
        [Dense(8, Activation.Tanh)]
        [Dense(1)]
        public partial class FastNet { }
        """;

    [Fact]
    public void Adam_above_ten_times_its_default_is_NSL4001()
        => RuleAssert.Reports(FastAdam, "NSL4001", "LearningRate = 0.1 is 100x Adam's usual 0.001", "Use 0.001, or at most 0.01.");

    [Fact]
    public void Sgd_above_ten_times_its_default_is_NSL4001()
        => RuleAssert.Reports(
            FastAdam.Replace("[|LearningRate = 0.1f|]", "Optimizer = Optimizer.Sgd, [|LearningRate = 0.5f|]"),
            "NSL4001",
            "LearningRate = 0.5 is 50x SGD's usual 0.01");

    [Theory]
    [InlineData("LearningRate = 0.01f")]
    [InlineData("Optimizer = Optimizer.Sgd, LearningRate = 0.1f")]
    public void Rates_up_to_ten_times_the_default_are_not_NSL4001(string arguments)
        => RuleAssert.DoesNotReport(FastAdam.Replace("[|LearningRate = 0.1f|]", arguments), "NSL4001");

    [Fact]
    public void NSL4001_fix_sets_the_optimizers_default()
        => RuleAssert.Fixes(FastAdam, "NSL4001", FixProperties.Fix.SetLearningRate, FastAdam.Replace("[|LearningRate = 0.1f|]", "LearningRate = 0.001f"), "FastNet");

    [Fact]
    public void NSL4001_fix_all_fixes_every_network_in_the_document()
    {
        string source = FastAdam.Replace("[|", string.Empty).Replace("|]", string.Empty)
            + "\n[Network(Inputs = 2, Optimizer = Optimizer.Sgd, LearningRate = 1f)]\n[Dense(1)]\npublic partial class SlowNet { }\n";

        string fixedSource = AnalyzerHarness.FixAll(AnalyzerHarness.CreateProject([source]), "NSL4001", Neuroslyn.CodeFixes.NetworkCodeFixProvider.EquivalenceKey("NSL4001", FixProperties.Fix.SetLearningRate));

        Assert.Equal(source.Replace("0.1f", "0.001f").Replace("LearningRate = 1f", "LearningRate = 0.01f"), fixedSource);
        RuleAssert.AssertFixed(fixedSource, "NSL4001", "SlowNet");
    }

    private const string SlowAdam = """
        using Neuroslyn;

        [Network(Inputs = 4, [|LearningRate = 1e-9f|])]
        [Dense(8, Activation.Tanh)]
        [Dense(1)]
        public partial class CrawlNet { }
        """;

    [Fact]
    public void A_rate_below_1e_7_is_NSL4002()
        => RuleAssert.Reports(SlowAdam, "NSL4002", "LearningRate = 1e-9 is below 1e-7", "Use Adam's usual 0.001.");

    [Fact]
    public void A_rate_of_1e_6_is_not_NSL4002()
        => RuleAssert.DoesNotReport(SlowAdam.Replace("[|LearningRate = 1e-9f|]", "LearningRate = 1e-6f"), "NSL4002");

    [Fact]
    public void NSL4002_fix_sets_the_optimizers_default()
        => RuleAssert.Fixes(SlowAdam, "NSL4002", FixProperties.Fix.SetLearningRate, SlowAdam.Replace("[|LearningRate = 1e-9f|]", "LearningRate = 0.001f"), "CrawlNet");
}
