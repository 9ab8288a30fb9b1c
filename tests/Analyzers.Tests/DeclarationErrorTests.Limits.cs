using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Neuroslyn.Generator.Tests;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// Declarations the generator refuses before emitting anything: more layers than the limit (NSL0015; 500 layers once
/// took 107 MB of generated C# and 6.7 GB of compiler memory, and the cost still grows with each layer), and a language version the generated code does not
/// compile at (NSL0014).
/// </summary>
public sealed partial class DeclarationErrorTests
{
    [Fact]
    public void More_layers_than_the_limit_is_NSL0015_at_the_first_layer_beyond_it_and_nothing_is_generated()
    {
        // 600 layers: the first 512 as written, then the one the diagnostic points at, then the rest.
        string layers = string.Concat(Enumerable.Repeat("[Dense(4, Activation.ReLU)]\n", 512)) + "[|Dense(3)|]\n" + string.Concat(Enumerable.Repeat("[Dense(4)]\n", 87));
        MarkedSource marked = MarkedSource.Parse("using Neuroslyn;\n[Network(Inputs = 4)]\n" + layers.Replace("[|Dense(3)|]", "[[|Dense(3)|]]") + "public partial class DeepNet { }");

        NetworkRun run = NetworkRun.Run(marked.Source, ValidNetwork);

        run.AssertNoGeneratorException();
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NSL0015", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("'DeepNet' declares 600 layers, more than the 512 a network may have", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        AssertOnlyTheValidNetworkIsGenerated(run);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10")]
    [InlineData(LanguageVersion.CSharp7_3, "7.3")]
    public void Language_version_below_CSharp_11_is_NSL0014_at_the_Network_attribute(LanguageVersion version, string display)
    {
        MarkedSource marked = MarkedSource.Parse("using Neuroslyn; namespace App { [[|Network(Inputs = 4)|]] [Dense(2)] public partial class OldNet { } }");
        CSharpCompilation compilation = GeneratorHarness.Compile(GeneratorHarness.ParseOptions.WithLanguageVersion(version), marked.Source);

        Diagnostic diagnostic = Assert.Single(AnalyzerHarness.Analyze(compilation));

        Assert.Equal("NSL0014", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Contains($"'OldNet' is compiled as C# {display}, and the generated network needs C# 11 or later", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
