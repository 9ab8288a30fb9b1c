using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Neuroslyn.Generator.Emitting;
using Neuroslyn.Generator.Model;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator;

/// <summary>
/// Compiles every <c>[Network]</c> class into forward, backward and optimizer code.
/// Pipeline: attribute → <see cref="NetworkParser"/> → value-equal <see cref="NetworkSpec"/> → <see cref="NetworkEmitter"/>.
/// </summary>
/// <remarks>
/// A declaration with an error generates no network, and the generator reports nothing either: the Neuroslyn analyzers
/// (src/Analyzers) run the same parser and report its errors from a symbol action, where diagnostics are real source
/// diagnostics, so <c>#pragma warning disable</c> and <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> apply to them.
/// Diagnostics reported from a source output carry locations rebuilt from plain data, which the compiler's
/// suppression does not see. What the generator writes instead is a placeholder part of the class, obsolete as an
/// error with the first error's id and message, so that where no analyzer runs each use of the class still says why.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>Names of the pipeline steps, for cache tests.</summary>
    public static class StepNames
    {
        public const string Parse = nameof(Parse);
        public const string Model = nameof(Model);
        public const string Unbuilt = nameof(Unbuilt);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Network,
                // A record class is a class too, so the attribute is allowed there: the parser reports it.
                predicate: static (node, _) => node is ClassDeclarationSyntax || node.IsKind(SyntaxKind.RecordDeclaration),
                transform: static (context, cancellationToken) => NetworkParser.Parse(context, cancellationToken))
            .WithTrackingName(StepNames.Parse);

        IncrementalValuesProvider<NetworkSpec> models = results
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(StepNames.Model);

        context.RegisterSourceOutput(models, static (output, network) => output.AddSource(NetworkEmitter.HintName(network), NetworkEmitter.Emit(network)));

        // A declaration with an error: a placeholder part that makes each use of the class say why (see UnbuiltNetworkEmitter).
        IncrementalValuesProvider<UnbuiltNetwork> unbuilt = results
            .Where(static result => result.Unbuilt is not null)
            .Select(static (result, _) => result.Unbuilt!)
            .WithTrackingName(StepNames.Unbuilt);
        context.RegisterSourceOutput(unbuilt, static (output, network) => output.AddSource(UnbuiltNetworkEmitter.HintName(network), UnbuiltNetworkEmitter.Emit(network)));
    }
}
