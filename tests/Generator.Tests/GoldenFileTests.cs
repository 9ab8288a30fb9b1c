using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Neuroslyn.Generator.Tests;

/// <summary>The generated source of each network in <see cref="GoldenNetworks"/>, pinned, compiled and regenerated.</summary>
public sealed class GoldenFileTests
{
    public static TheoryData<string> Networks => new(GoldenNetworks.All.Keys);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_source_matches_the_golden_file(string name)
    {
        GoldenNetworks.Case network = GoldenNetworks.All[name];

        GeneratorRun run = GeneratorHarness.Run(network.Source);

        GeneratedSourceResult generated = Assert.Single(run.Sources);
        Assert.Equal(network.HintName, generated.HintName);
        GoldenFile.Verify(name, generated.SourceText.ToString());
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_source_compiles_without_errors_or_warnings(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(GoldenNetworks.All[name].Source);

        run.AssertNoGeneratorException();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.OutputDiagnostics.IsEmpty, "The output compilation has diagnostics:\n" + string.Join("\n", run.OutputDiagnostics.Select(d => d.ToString())));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generating_twice_gives_identical_text(string name)
    {
        string source = GoldenNetworks.All[name].Source;

        // Two independent compilations and drivers: nothing may carry over from the first run to the second.
        string first = Assert.Single(GeneratorHarness.Run(source).Sources).SourceText.ToString();
        string second = Assert.Single(GeneratorHarness.Run(source).Sources).SourceText.ToString();

        Assert.True(first == second, "Two runs over the same source generated different text.\n" + GoldenFile.FirstDifference(first, second));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(first), System.Text.Encoding.UTF8.GetBytes(second));
    }
}
