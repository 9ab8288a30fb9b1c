using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Neuroslyn.CodeFixes;
using Neuroslyn.Generator.Tests;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>The assertions of the rule tests: one diagnostic at the marked span; none; a fix's exact result.</summary>
internal static class RuleAssert
{
    /// <summary>
    /// <paramref name="id"/> is reported once, at the span marked <c>[|...|]</c>, with <paramref name="messageFragments"/>
    /// in its message. Returns the diagnostic.
    /// </summary>
    public static Diagnostic Reports(string markup, string id, params string[] messageFragments)
    {
        MarkedSource marked = MarkedSource.Parse(markup);
        ImmutableArray<Diagnostic> diagnostics = AnalyzerHarness.Analyze(marked.Source);

        Diagnostic[] matching = diagnostics.Where(d => d.Id == id).ToArray();
        Assert.True(matching.Length == 1, $"Expected one {id}, got:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
        Diagnostic diagnostic = matching[0];
        Assert.Equal(marked.SpanText, marked.Source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        string message = AnalyzerHarness.Message(diagnostic);
        foreach (string fragment in messageFragments)
        {
            Assert.Contains(fragment, message);
        }

        return diagnostic;
    }

    /// <summary>
    /// <paramref name="id"/> is not reported on <paramref name="source"/> (a <c>[|...|]</c> marker left from the positive
    /// case is removed), which must be valid C#: a declaration that does not parse would pass vacuously.
    /// </summary>
    public static void DoesNotReport(string source, string id)
    {
        source = source.Replace("[|", string.Empty).Replace("|]", string.Empty);
        Diagnostic[] errors = GeneratorHarness.Compile(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())) + "\n" + source);
        ImmutableArray<Diagnostic> diagnostics = AnalyzerHarness.Analyze(source);
        Assert.DoesNotContain(diagnostics, d => d.Id == id);
    }

    /// <summary>
    /// The fix <paramref name="fix"/> of <paramref name="id"/> turns <paramref name="markup"/> into exactly
    /// <paramref name="expected"/>, which compiles with the generator and no longer reports <paramref name="id"/>.
    /// </summary>
    public static void Fixes(string markup, string id, string fix, string expected, string className)
    {
        MarkedSource marked = MarkedSource.Parse(markup);
        Project project = AnalyzerHarness.CreateProject([marked.Source]);
        Diagnostic diagnostic = Assert.Single(AnalyzerHarness.Analyze(project), d => d.Id == id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);

        CodeAction action = Assert.Single(AnalyzerHarness.Actions(project, diagnostic), a => a.EquivalenceKey == NetworkCodeFixProvider.EquivalenceKey(id, fix));
        string fixedSource = AnalyzerHarness.Apply(project, action, project.Documents.Single().Id);

        Assert.Equal(expected.ReplaceLineEndings("\n"), fixedSource.ReplaceLineEndings("\n"));
        AssertFixed(fixedSource, id, className);
    }

    /// <summary>The fixed source compiles with the generator and no longer reports <paramref name="id"/>.</summary>
    public static void AssertFixed(string fixedSource, string id, string className)
    {
        AnalyzerHarness.AssertCompilesWithTheGenerator(fixedSource, className);
        ImmutableArray<Diagnostic> after = AnalyzerHarness.Analyze(fixedSource);
        Assert.DoesNotContain(after, d => d.Id == id);
        Assert.DoesNotContain(after, d => d.Severity == DiagnosticSeverity.Error);
    }
}
