using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Neuroslyn.CodeFixes;
using Neuroslyn.Generator.Tests;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// Runs <see cref="NetworkAnalyzer"/> and <see cref="NetworkCodeFixProvider"/> on an <see cref="AdhocWorkspace"/>
/// project that references the .NET 10 reference assemblies and the Neuroslyn runtime, with an optional
/// .editorconfig, as the IDE and the build do: pragmas and configured severities apply.
/// </summary>
internal static class AnalyzerHarness
{
    public const string Folder = "/Tests/";

    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers = [new NetworkAnalyzer()];

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location),
    ];

    public static Project CreateProject(IReadOnlyList<string> sources, string? editorConfig = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Tests",
            "Tests",
            LanguageNames.CSharp,
            filePath: Folder + "Tests.csproj",
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: s_references));
        for (int i = 0; i < sources.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Source{i}.cs", SourceText.From(sources[i]), filePath: $"{Folder}Source{i}.cs");
        }

        if (editorConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(editorConfig), filePath: Folder + ".editorconfig");
        }

        return solution.GetProject(projectId)!;
    }

    /// <summary>The analyzer's diagnostics on a project, after pragmas and .editorconfig severities, ordered by position.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Project project)
    {
        Compilation compilation = project.GetCompilationAsync().GetAwaiter().GetResult()!;
        return Analyze(compilation, project.AnalyzerOptions);
    }

    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, AnalyzerOptions? options = null)
    {
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(
            s_analyzers,
            new CompilationWithAnalyzersOptions(options ?? new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();

        // An analyzer that throws surfaces as AD0001: never acceptable.
        Diagnostic? crash = all.FirstOrDefault(d => d.Id == "AD0001");
        Assert.True(crash is null, crash?.ToString());
        return all.Where(d => d.Id.StartsWith("NSL", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    public static ImmutableArray<Diagnostic> Analyze(string source, string? editorConfig = null)
        => Analyze(CreateProject([source], editorConfig));

    /// <summary>The code actions the provider offers for <paramref name="diagnostic"/>.</summary>
    public static IReadOnlyList<CodeAction> Actions(Project project, Diagnostic diagnostic)
    {
        Document document = project.GetDocument(diagnostic.Location.SourceTree)!;
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        new NetworkCodeFixProvider().RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        return actions;
    }

    /// <summary>Applies <paramref name="action"/> and returns the changed text of the document it changes.</summary>
    public static string Apply(Project project, CodeAction action, DocumentId documentId)
    {
        ImmutableArray<CodeActionOperation> operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetDocument(documentId)!.GetTextAsync().GetAwaiter().GetResult().ToString();
    }

    /// <summary>Fix All in a document for one equivalence key, as the IDE's "Fix all occurrences in document" does.</summary>
    public static string FixAll(Project project, string id, string equivalenceKey)
    {
        Document document = project.Documents.Single();
        ImmutableArray<Diagnostic> diagnostics = Analyze(project);
        var provider = new NetworkCodeFixProvider();
        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            equivalenceKey,
            [id],
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        CodeAction action = provider.GetFixAllProvider().GetFixAsync(context).GetAwaiter().GetResult()!;
        return Apply(project, action, document.Id);
    }

    /// <summary>Runs the real generator on <paramref name="source"/>: no exception, no error, and the class is generated.</summary>
    public static void AssertCompilesWithTheGenerator(string source, string className)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        run.AssertNoGeneratorException();
        // A hint name is the full name, then a hash of it: Samples.FashionNet.b9b1eb921a71.g.cs.
        Assert.Contains(run.Networks, s => s.HintName.Contains(className + ".", StringComparison.Ordinal));
        Diagnostic[] errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The fixed source does not compile with the generator:\n" + string.Join("\n", errors.Select(e => e.ToString())) + "\n" + source);
    }

    public static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
