using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Neuroslyn.Generator.Tests;

/// <summary>
/// Runs <see cref="NetworkGenerator"/> over in-memory compilations that reference the .NET 10 reference assemblies
/// and the Neuroslyn runtime, as a user's project would.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The parse options of every test compilation: the newest language version the compiler knows.</summary>
    // Documentation comments are diagnosed, so generated code must carry well-formed docs on every public member (CS1570, CS1591).
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location),
    ];

    private static readonly CSharpCompilationOptions s_options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: false,
        // The strictest warning level: generated code must be clean in every project that turns warnings up.
        warningLevel: 9999);

    /// <summary>A compilation of <paramref name="sources"/>, each its own file (Source0.cs, Source1.cs, ...).</summary>
    public static CSharpCompilation Compile(params string[] sources) => Compile(ParseOptions, sources);

    /// <summary>A compilation of <paramref name="sources"/> parsed with <paramref name="options"/> (another language version).</summary>
    public static CSharpCompilation Compile(CSharpParseOptions options, params string[] sources)
        => CSharpCompilation.Create(
            "Tests",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(SourceText.From(source, System.Text.Encoding.UTF8), options, $"Source{i}.cs")),
            s_references,
            // Nullable annotations need C# 8: an older project has them off, or the compiler refuses its options (CS8630).
            options.LanguageVersion < LanguageVersion.CSharp8 ? s_options.WithNullableContextOptions(NullableContextOptions.Disable) : s_options);

    public static SyntaxTree Parse(string source, string path)
        => CSharpSyntaxTree.ParseText(SourceText.From(source, System.Text.Encoding.UTF8), ParseOptions, path);

    /// <summary>A driver that tracks the generator's named steps, as the cache tests need.</summary>
    public static GeneratorDriver CreateDriver() => CreateDriver(ParseOptions);

    /// <summary>A driver whose generated files are parsed with <paramref name="options"/>, as a project's are with its own.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions options)
        => CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Compiles <paramref name="sources"/> and runs the generator once over them.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

    public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation);

    /// <summary>Runs <paramref name="driver"/> (fresh, or carried over from an earlier run) over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, generatorDiagnostics);
    }
}

/// <summary>What one run of the generator produced.</summary>
internal sealed class GeneratorRun
{
    private readonly Lazy<ImmutableArray<Diagnostic>> _outputDiagnostics;

    public GeneratorRun(GeneratorDriver driver, GeneratorDriverRunResult result, Compilation outputCompilation, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        Result = result;
        OutputCompilation = outputCompilation;
        GeneratorDiagnostics = generatorDiagnostics;
        // Compiling the generated code is the slow part of a run: only the tests that look at it pay for it.
        _outputDiagnostics = new(() => outputCompilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .ToImmutableArray());
    }

    /// <summary>The driver after the run, to run again incrementally.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The driver's run result: generated sources, tracked steps, exceptions.</summary>
    public GeneratorDriverRunResult Result { get; }

    /// <summary>The input compilation plus the generated sources.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>What the generator reported (and CS8785 if it threw).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>Errors and warnings of <see cref="OutputCompilation"/>, the user's code included.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics => _outputDiagnostics.Value;

    public GeneratorRunResult Generator => Result.Results.Single();

    public ImmutableArray<GeneratedSourceResult> Sources => Generator.GeneratedSources;

    /// <summary>
    /// The generated networks: <see cref="Sources"/> without the placeholders the generator writes for declarations
    /// with an error (each a part of the class marked <c>[Obsolete(error: true)]</c> with the reason, and nothing else).
    /// </summary>
    public ImmutableArray<GeneratedSourceResult> Networks => Sources.Where(source => !IsPlaceholder(source)).ToImmutableArray();

    /// <summary>The placeholders among <see cref="Sources"/>.</summary>
    public ImmutableArray<GeneratedSourceResult> Placeholders => Sources.Where(IsPlaceholder).ToImmutableArray();

    /// <summary>Generated text by hint name.</summary>
    public IReadOnlyDictionary<string, string> SourcesByHintName
        => Sources.ToDictionary(source => source.HintName, source => source.SourceText.ToString(), StringComparer.Ordinal);

    private static bool IsPlaceholder(GeneratedSourceResult source)
        => source.SourceText.ToString().Contains("// Neuroslyn generated no network for ", StringComparison.Ordinal);

    /// <summary>Fails the calling test when the generator threw, however it surfaced.</summary>
    public void AssertNoGeneratorException()
    {
        if (Generator.Exception is not null)
        {
            throw new Xunit.Sdk.XunitException($"The generator threw: {Generator.Exception}");
        }

        Diagnostic? crash = GeneratorDiagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785");
        if (crash is not null)
        {
            throw new Xunit.Sdk.XunitException($"The generator failed: {crash}");
        }
    }
}

/// <summary>
/// Test sources with the expected span of a diagnostic marked as <c>[|...|]</c>: the markers are removed and the span
/// they enclosed is kept.
/// </summary>
internal readonly record struct MarkedSource(string Source, TextSpan Span)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public string SpanText => Source.Substring(Span.Start, Span.Length);

    public static MarkedSource Parse(string markup)
    {
        int open = markup.IndexOf(Open, StringComparison.Ordinal);
        int close = markup.IndexOf(Close, StringComparison.Ordinal);
        if (open < 0 || close < open || markup.IndexOf(Open, open + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("The source must mark exactly one span with [| and |].", nameof(markup));
        }

        string source = markup.Remove(close, Close.Length).Remove(open, Open.Length);
        return new MarkedSource(source, TextSpan.FromBounds(open, close - Open.Length));
    }
}
