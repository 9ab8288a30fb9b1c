using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Helpers;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// Reports <see cref="DiagnosticDescriptors.LayersOnSeveralDeclarations"/> for layer attributes on a partial declaration
/// other than the one that carries [Network]. Layers run in the order they are written, and attributes on two
/// declarations in two files have no order between them: any order the parser chose (the compiler's is by file path)
/// would change the network's shape when a file is renamed.
/// </summary>
internal static class LayerPlacement
{
    public static bool Check(INamedTypeSymbol symbol, TypeDeclarationSyntax home, IReadOnlyList<AttributeData> layerAttributes, AttributeReader network, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        LocationInfo? networkLocation = LocationInfo.From(network.Location);
        bool valid = true;

        // One report per stray declaration, at its first layer, with the [Network] attribute as the other location.
        var reported = new HashSet<SyntaxNode>();
        foreach (AttributeData attribute in layerAttributes)
        {
            if (attribute.ApplicationSyntaxReference is not { } reference)
            {
                continue;
            }

            bool onHome = reference.SyntaxTree == home.SyntaxTree && home.Span.Contains(reference.Span);
            SyntaxNode syntax = reference.GetSyntax(cancellationToken);
            if (onHome || syntax.Parent?.Parent is not { } declaration || !reported.Add(declaration))
            {
                continue;
            }

            string name = (attribute.AttributeClass?.Name ?? "?").Replace("Attribute", string.Empty);
            DiagnosticInfo info = DiagnosticInfo.Create(DiagnosticDescriptors.LayersOnSeveralDeclarations, syntax.GetLocation(), name, symbol.Name);
            diagnostics.Add(networkLocation is null ? info : info with { AdditionalLocations = new[] { networkLocation }.ToEquatableArray() });
            valid = false;
        }

        return valid;
    }
}
