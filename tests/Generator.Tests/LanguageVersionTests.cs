using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Neuroslyn.Generator.Tests;

/// <summary>
/// The generated code needs C# 11 (static abstract interface members, file-local helpers): at that version every
/// golden network compiles; below it the parser refuses the declaration (NSL0014) and the generator writes no network,
/// only the placeholder part, which compiles at any version.
/// </summary>
public sealed class LanguageVersionTests
{
    [Theory]
    [MemberData(nameof(GoldenFileTests.Networks), MemberType = typeof(GoldenFileTests))]
    public void Every_golden_network_compiles_at_CSharp_11(string name)
    {
        CSharpParseOptions options = GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp11);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(options), GeneratorHarness.Compile(options, GoldenNetworks.All[name].Source));

        run.AssertNoGeneratorException();
        Assert.Single(run.Networks);
        Assert.True(run.OutputDiagnostics.IsEmpty, string.Join("\n", run.OutputDiagnostics));
    }

    [Theory]
    [MemberData(nameof(GoldenFileTests.Networks), MemberType = typeof(GoldenFileTests))]
    public void Every_golden_network_fails_to_compile_at_CSharp_10_so_11_is_the_minimum(string name)
    {
        // The parser refuses C# 10, so the text generated at C# 11 is compiled at C# 10 by hand: NSL0014 must not refuse
        // a version the code compiles at.
        CSharpParseOptions eleven = GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp11);
        CSharpParseOptions ten = GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(eleven), GeneratorHarness.Compile(eleven, GoldenNetworks.All[name].Source));
        string generated = Assert.Single(run.Networks).SourceText.ToString();

        Compilation atTen = GeneratorHarness.Compile(ten, GoldenNetworks.All[name].Source, generated);

        Assert.Contains(atTen.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == "Source1.cs");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp7_3)]
    public void Below_CSharp_11_no_network_is_generated_and_nothing_generated_fails_to_compile(LanguageVersion version)
    {
        CSharpParseOptions options = GeneratorHarness.ParseOptions.WithLanguageVersion(version);
        const string Declaration = "using Neuroslyn; namespace App { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } }";

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(options), GeneratorHarness.Compile(options, Declaration));

        run.AssertNoGeneratorException();
        Assert.Empty(run.Networks);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Diagnostic parsed = Assert.Single(ParsedDiagnostics(run));
        Assert.Equal("NSL0014", parsed.Id);
    }

    private static Diagnostic[] ParsedDiagnostics(GeneratorRun run)
        => run.Generator.TrackedSteps[NetworkGenerator.StepNames.Parse]
            .SelectMany(step => step.Outputs)
            .Select(output => (Parsing.NetworkParseResult)output.Value)
            .SelectMany(result => result.Diagnostics)
            .Select(info => info.ToDiagnostic())
            .ToArray();
}
