using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Tests;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// What a build does with some sources: the generator runs (and must report nothing: declaration errors are the
/// analyzers'), and the analyzers report on the same compilation.
/// </summary>
internal sealed class NetworkRun
{
    private NetworkRun(GeneratorRun generator, ImmutableArray<Diagnostic> diagnostics)
    {
        Generator = generator;
        Diagnostics = diagnostics;
    }

    public GeneratorRun Generator { get; }

    /// <summary>The analyzers' NSL diagnostics.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public ImmutableArray<GeneratedSourceResult> Sources => Generator.Sources;

    /// <summary>The generated networks, without the placeholders of declarations with an error.</summary>
    public ImmutableArray<GeneratedSourceResult> Networks => Generator.Networks;

    public Compilation OutputCompilation => Generator.OutputCompilation;

    public static NetworkRun Run(params string[] sources)
    {
        Compilation compilation = GeneratorHarness.Compile(sources);
        GeneratorRun generator = GeneratorHarness.Run(compilation);
        return new NetworkRun(generator, AnalyzerHarness.Analyze(compilation));
    }

    public void AssertNoGeneratorException() => Generator.AssertNoGeneratorException();
}
