using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Neuroslyn.Analyzers.Hazards;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Analyzers;

/// <summary>
/// Reports every Neuroslyn diagnostic at the attribute that causes it: the declaration errors the parser finds
/// (NSL0xxx, NSL1001), for which the generator emits nothing, and the training hazards of a declaration that
/// compiles (NSL1xxx–NSL6xxx), found on the parser's <see cref="Generator.Model.NetworkSpec"/>.
/// </summary>
/// <remarks>
/// Reported from a symbol action, so the diagnostics are ordinary source diagnostics: <c>#pragma warning disable</c>,
/// <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> and <c>[SuppressMessage]</c> apply to them. One parse per
/// <c>[Network]</c> class; nothing runs in a compilation that does not reference Neuroslyn.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.All);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            INamedTypeSymbol? networkAttribute = start.Compilation.GetTypeByMetadataName(AttributeNames.Network);
            if (networkAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeClass(symbol, networkAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeClass(SymbolAnalysisContext context, INamedTypeSymbol networkAttribute)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } symbol
            || NetworkParser.FirstNetworkAttribute(symbol, networkAttribute) is not { } attribute)
        {
            return;
        }

        NetworkParseResult result = NetworkParser.Parse(symbol, networkAttribute, context.Compilation, context.CancellationToken);
        foreach (DiagnosticInfo info in result.Diagnostics)
        {
            context.ReportDiagnostic(ToSourceDiagnostic(info, symbol, context.Compilation));
        }

        if (result.Spec is null || attribute.ApplicationSyntaxReference is not { } reference)
        {
            return;
        }

        NetworkSource? source = NetworkSource.Create(symbol, attribute, result.Spec, context.CancellationToken);
        if (source is null)
        {
            return;
        }

        HazardOptions options = HazardOptions.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(reference.SyntaxTree));
        foreach (Diagnostic diagnostic in HazardRules.Check(source, options))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>
    /// The parser keeps locations as plain data (the generator's pipeline may hold no <see cref="Location"/>); the
    /// analyzer turns them back into locations in the compilation's syntax trees, which pragmas and severities apply to.
    /// </summary>
    private static Diagnostic ToSourceDiagnostic(DiagnosticInfo info, INamedTypeSymbol symbol, Compilation compilation)
        => Diagnostic.Create(
            info.Descriptor,
            info.Location is { } where ? ToSourceLocation(where, symbol, compilation) : Location.None,
            info.AdditionalLocations.Select(where => ToSourceLocation(where, symbol, compilation)),
            info.Arguments.Cast<object>().ToArray());

    private static Location ToSourceLocation(LocationInfo where, INamedTypeSymbol symbol, Compilation compilation)
    {
        SyntaxTree? tree = symbol.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).FirstOrDefault(t => t.FilePath == where.FilePath)
            ?? compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == where.FilePath);
        return tree is not null && where.Span.End <= tree.Length ? Location.Create(tree, where.Span) : where.ToLocation();
    }
}
