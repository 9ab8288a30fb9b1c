using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Neuroslyn.Analyzers.Hazards;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Tests;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// What a user configures: <c>#pragma warning disable</c>, <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> and the
/// thresholds' .editorconfig keys, for the hazards and for the declaration errors alike; and what the analyzer promises
/// about itself (concurrent, generated code skipped, never throws on half-typed code).
/// </summary>
public sealed class ConfigurationTests
{
    private const string HighDropout = """
        using Neuroslyn;

        [Network(Inputs = 4)]
        [Dense(8, Activation.ReLU)]
        [Dropout(0.8)]
        [Dense(2)]
        public partial class HighDropNet { }
        """;

    private const string NotPartial = """
        using Neuroslyn;

        [Network(Inputs = 4)]
        [Dense(2)]
        public class PlainNet { }
        """;

    [Fact]
    public void Pragma_disables_a_hazard_warning()
    {
        string source = HighDropout.Replace("[Dropout(0.8)]", "#pragma warning disable NSL1002 // a deliberate choice\n[Dropout(0.8)]\n#pragma warning restore NSL1002");

        Assert.Contains(AnalyzerHarness.Analyze(HighDropout), d => d.Id == "NSL1002");
        Assert.DoesNotContain(AnalyzerHarness.Analyze(source), d => d.Id == "NSL1002");
    }

    [Fact]
    public void Pragma_disables_a_declaration_error_and_the_generator_still_emits_nothing()
    {
        string source = "#pragma warning disable NSL0001\n" + NotPartial;

        Assert.Contains(AnalyzerHarness.Analyze(NotPartial), d => d.Id == "NSL0001");
        Assert.DoesNotContain(AnalyzerHarness.Analyze(source), d => d.Id == "NSL0001");
        Assert.Empty(GeneratorHarness.Run(source).Sources);
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public void Editorconfig_sets_a_hazards_severity(string severity, DiagnosticSeverity? expected)
    {
        ImmutableArray<Diagnostic> diagnostics = AnalyzerHarness.Analyze(HighDropout, $"root = true\n\n[*.cs]\ndotnet_diagnostic.NSL1002.severity = {severity}\n");

        Diagnostic? diagnostic = diagnostics.SingleOrDefault(d => d.Id == "NSL1002");
        Assert.Equal(expected, diagnostic?.Severity);
    }

    [Fact]
    public void Editorconfig_sets_a_declaration_errors_severity()
    {
        ImmutableArray<Diagnostic> diagnostics = AnalyzerHarness.Analyze(NotPartial, "root = true\n\n[*.cs]\ndotnet_diagnostic.NSL0001.severity = warning\n");

        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(diagnostics, d => d.Id == "NSL0001").Severity);
    }

    [Fact]
    public void Editorconfig_sets_the_dropout_threshold()
    {
        const string config = "root = true\n\n[*.cs]\nneuroslyn.dropout_max_rate = 0.9\n";

        Assert.DoesNotContain(AnalyzerHarness.Analyze(HighDropout, config), d => d.Id == "NSL1002");
        Diagnostic diagnostic = Assert.Single(AnalyzerHarness.Analyze(HighDropout, config.Replace("0.9", "0.3")), d => d.Id == "NSL1002");
        Assert.Contains("Use a rate of at most 0.3", AnalyzerHarness.Message(diagnostic));
    }

    [Fact]
    public void Editorconfig_sets_the_vanishing_gradient_depths_and_ratio()
    {
        const string threeSigmoid = """
            using Neuroslyn;
            [Network(Inputs = 8)]
            [Dense(16, Activation.Sigmoid)]
            [Dense(16, Activation.Sigmoid)]
            [Dense(16, Activation.Sigmoid)]
            [Dense(16)]
            public partial class ShallowSigmoidNet { }
            """;

        Assert.DoesNotContain(AnalyzerHarness.Analyze(threeSigmoid), d => d.Id == "NSL2001");
        Assert.Contains(AnalyzerHarness.Analyze(threeSigmoid, "[*.cs]\nneuroslyn.vanishing_sigmoid_depth = 3\n"), d => d.Id == "NSL2001");
        Assert.Contains(AnalyzerHarness.Analyze(threeSigmoid, "[*.cs]\nneuroslyn.vanishing_gradient_ratio = 0.1\n"), d => d.Id == "NSL2001");
    }

    [Fact]
    public void Editorconfig_sets_the_learning_rate_and_exploding_thresholds()
    {
        const string network = """
            using Neuroslyn;
            [Network(Inputs = 8, LearningRate = 0.005f)]
            [Dense(16, Activation.ReLU)]
            [Dense(16, Activation.ReLU)]
            [Dense(1)]
            public partial class TunedNet { }
            """;

        Assert.Empty(AnalyzerHarness.Analyze(network));
        ImmutableArray<Diagnostic> strict = AnalyzerHarness.Analyze(network, "[*.cs]\nneuroslyn.learning_rate_max_factor = 2\nneuroslyn.exploding_depth = 3\nneuroslyn.learning_rate_min = 0.01\n");
        Assert.Equal(["NSL2002", "NSL2003"], strict.Select(d => d.Id).Order());
        Assert.Contains(AnalyzerHarness.Analyze(network, "[*.cs]\nneuroslyn.learning_rate_min = 0.01\n"), d => d.Id == "NSL4002");
        Assert.Contains(AnalyzerHarness.Analyze(network.Replace("ReLU", "Tanh"), "[*.cs]\nneuroslyn.learning_rate_max_factor = 2\n"), d => d.Id == "NSL4001");
    }

    [Theory]
    [InlineData("neuroslyn.dropout_max_rate = banana")]
    [InlineData("neuroslyn.dropout_max_rate = 7")]
    public void An_unreadable_threshold_keeps_the_default(string line)
        => Assert.Contains(AnalyzerHarness.Analyze(HighDropout, "[*.cs]\n" + line + "\n"), d => d.Id == "NSL1002" && AnalyzerHarness.Message(d).Contains("at most 0.5", StringComparison.Ordinal));

    [Fact]
    public void Every_threshold_key_is_documented()
    {
        string[] keys = typeof(HazardOptions.Keys).GetFields().Select(field => (string)field.GetRawConstantValue()!).ToArray();
        string docs = string.Join("\n", System.IO.Directory.GetFiles(RepositoryPaths.Combine("docs", "diagnostics"), "*.md").Select(System.IO.File.ReadAllText));

        Assert.Equal(9, keys.Length);
        Assert.All(keys, key => Assert.Contains(key, docs));
    }

    [Fact]
    public void Analyzer_supports_every_descriptor_of_the_catalogue()
        => Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id), new NetworkAnalyzer().SupportedDiagnostics.Select(d => d.Id));

    [Fact]
    public void Generated_code_is_not_analysed()
    {
        // The same hazard in a file the compiler treats as generated: nothing is reported.
        Compilation compilation = GeneratorHarness.Compile();
        compilation = compilation.AddSyntaxTrees(GeneratorHarness.Parse(HighDropout, "HighDropNet.g.cs"));

        Assert.Empty(AnalyzerHarness.Analyze(compilation));
    }

    [Fact]
    public void A_compilation_without_Neuroslyn_registers_nothing()
    {
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Plain",
            [GeneratorHarness.Parse("public class C { }", "C.cs")],
            Basic.Reference.Assemblies.Net100.References.All);

        Assert.Empty(AnalyzerHarness.Analyze(compilation, new AnalyzerOptions([])));
    }

    [Fact]
    public void Declaration_cut_off_at_any_character_never_makes_the_analyzer_throw()
    {
        const string network = """
            using Neuroslyn;

            [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, LearningRate = 0.5f)]
            [Dense(256, Activation.Sigmoid, Initializer = Initializer.HeUniform)]
            [Dropout(0.0)]
            [BatchNorm]
            [Dense(10, Activation.Sigmoid)]
            public partial class CutNet { }
            """;
        int start = network.IndexOf("[Network", StringComparison.Ordinal);

        for (int length = start; length <= network.Length; length++)
        {
            // Analyze asserts that no AD0001 (an analyzer exception) is reported.
            ImmutableArray<Diagnostic> diagnostics = AnalyzerHarness.Analyze(GeneratorHarness.Compile(network.Substring(0, length)));
            Assert.All(diagnostics, d => Assert.StartsWith("NSL", d.Id, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Convolutional_declaration_cut_off_at_any_character_never_makes_the_analyzer_throw()
    {
        // Every image kind, and the hazards that read their kernels and shapes (NSL6002, NSL6003, the estimate).
        const string network = """
            using Neuroslyn;

            [Network(InputShape = new[] { 1, 8, 8 }, Loss = Loss.SoftmaxCrossEntropy)]
            [Conv2D(8, 3, Activation.Sigmoid, Stride = 2, Padding = Padding.Same, Dilation = 1, Groups = 1, Initializer = Initializer.HeUniform)]
            [MaxPool2D(2, Stride = 2, Padding = 1)]
            [AvgPool2D(2)]
            [Conv2D(4, 3, Padding = 1)]
            [BatchNorm]
            [GlobalAvgPool2D]
            [Dense(10)]
            public partial class CutCnn { }
            """;
        int start = network.IndexOf("[Network", StringComparison.Ordinal);

        for (int length = start; length <= network.Length; length++)
        {
            ImmutableArray<Diagnostic> diagnostics = AnalyzerHarness.Analyze(GeneratorHarness.Compile(network.Substring(0, length)));
            Assert.All(diagnostics, d => Assert.StartsWith("NSL", d.Id, StringComparison.Ordinal));
        }
    }
}
