using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Neuroslyn.Analyzers.Hazards;
using Neuroslyn.Generator.Diagnostics;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.CodeFixes;

/// <summary>
/// The code fixes of the Neuroslyn rules. Each diagnostic names the fixes that clear it
/// (<see cref="FixProperties.Fixes"/>) and carries what they need, so a fix is a text edit of the attributes and never
/// a second analysis. Fix All (document, project, solution) applies one kind of fix to every diagnostic of a rule.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NetworkCodeFixProvider)), Shared]
public sealed class NetworkCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.DropoutRateOutOfRange.Id,
        DiagnosticDescriptors.DropoutRateTooHigh.Id,
        DiagnosticDescriptors.DropoutRateZero.Id,
        DiagnosticDescriptors.DropoutBeforeBatchNorm.Id,
        DiagnosticDescriptors.VanishingGradient.Id,
        DiagnosticDescriptors.ExplodingGradient.Id,
        DiagnosticDescriptors.DeadRelu.Id,
        DiagnosticDescriptors.HeInitializerWithSaturatingActivation.Id,
        DiagnosticDescriptors.GlorotInitializerWithRelu.Id,
        DiagnosticDescriptors.LearningRateTooHigh.Id,
        DiagnosticDescriptors.LearningRateTooLow.Id,
        DiagnosticDescriptors.SoftmaxCrossEntropyWithOneOutput.Id,
        DiagnosticDescriptors.OutputSquashedTwice.Id,
        DiagnosticDescriptors.LinearHiddenLayer.Id,
        DiagnosticDescriptors.BiasBeforeBatchNorm.Id,
        DiagnosticDescriptors.KernelOverPadding.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            foreach (string fix in FixesOf(diagnostic))
            {
                string title = Title(diagnostic, fix);
                context.RegisterCodeFix(
                    CodeAction.Create(title, token => ApplyAsync(context.Document, diagnostic, fix, token), EquivalenceKey(diagnostic.Id, fix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The equivalence key of a fix: Fix All applies the fixes of one rule that share it.</summary>
    public static string EquivalenceKey(string id, string fix) => $"{id}.{fix}";

    private static IEnumerable<string> FixesOf(Diagnostic diagnostic)
    {
        if (diagnostic.Id == DiagnosticDescriptors.DropoutRateOutOfRange.Id)
        {
            // Reported by the parser, which names no fixes: both of the table's apply.
            return [Fix.SetRate, Fix.RemoveLayer];
        }

        return diagnostic.Properties.TryGetValue(FixProperties.Fixes, out string? fixes) && !string.IsNullOrEmpty(fixes)
            ? fixes!.Split(',')
            : [];
    }

    private static string Title(Diagnostic diagnostic, string fix) => fix switch
    {
        Fix.SetRate => $"Set the dropout rate to {Property(diagnostic, FixProperties.Rate) ?? "0.5"}",
        Fix.RemoveLayer => "Remove the Dropout layer",
        Fix.SwapWithNext => "Put the Dropout after the BatchNorm",
        Fix.UseRelu => "Use ReLU with He initialisation",
        Fix.UseLeakyRelu => "Use LeakyReLU",
        Fix.InsertBatchNorm => "Insert [BatchNorm] after the hidden layers",
        Fix.AddClipping => "Clip gradients (ClipNorm = 1f)",
        Fix.LowerLearningRate or Fix.SetLearningRate => $"Set the learning rate to {Property(diagnostic, FixProperties.LearningRate)}",
        Fix.SetInitializer => $"Use Initializer.{Property(diagnostic, FixProperties.Initializer)}",
        Fix.SetLoss => $"Use Loss.{Property(diagnostic, FixProperties.Loss)}",
        Fix.TwoOutputUnits => "Use 2 output units, one per class",
        Fix.OutputLogits => "Output logits (Activation.Linear)",
        Fix.DropBias => "Drop the bias (UseBias = false)",
        Fix.KernelOfOne => "Use a 1 × 1 kernel without padding",
        _ => fix,
    };

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, string fix, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var edits = new AttributeEdits(text);
        SyntaxNode primary = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        AttributeSyntax? attribute = primary.FirstAncestorOrSelf<AttributeSyntax>();
        if (attribute is null)
        {
            return document;
        }

        switch (fix)
        {
            case Fix.SetRate when Argument(primary) is { } rate:
                edits.Replace(rate.Expression.Span, Property(diagnostic, FixProperties.Rate) ?? "0.5");
                break;
            case Fix.RemoveLayer:
                edits.Remove(attribute);
                break;
            case Fix.SwapWithNext when Layers(root, diagnostic).FirstOrDefault() is { } next:
                edits.Swap(attribute, next);
                break;
            case Fix.UseRelu:
                foreach (AttributeSyntax layer in Layers(root, diagnostic))
                {
                    edits.SetActivation(layer, "ReLU");
                    edits.RemoveNamed(layer, "Initializer"); // unset: He, chosen from the activation
                }

                break;
            case Fix.UseLeakyRelu:
                foreach (AttributeSyntax layer in Layers(root, diagnostic))
                {
                    edits.SetActivation(layer, "LeakyReLU");
                }

                break;
            case Fix.InsertBatchNorm:
                foreach (AttributeSyntax layer in Layers(root, diagnostic))
                {
                    edits.InsertAfter(layer, "BatchNorm");
                }

                break;
            case Fix.AddClipping:
                edits.SetNamed(attribute, "ClipNorm", "1f");
                break;
            case Fix.SetLearningRate when Argument(primary) is { } learningRate:
                edits.Replace(learningRate.Expression.Span, Property(diagnostic, FixProperties.LearningRate)!);
                break;
            case Fix.LowerLearningRate when Additional(root, diagnostic, FixProperties.LearningRateAt) is { } learningRate:
                edits.Replace(learningRate.Expression.Span, Property(diagnostic, FixProperties.LearningRate)!);
                break;
            case Fix.SetInitializer when Argument(primary) is { } initializer:
                string member = Property(diagnostic, FixProperties.Initializer)!;
                edits.SetEnumValue(initializer.Expression, AttributeEdits.Qualifier(attribute) + "Initializer." + member, member);
                break;
            case Fix.SetLoss:
                AttributeArgumentSyntax? loss = diagnostic.Properties.ContainsKey(FixProperties.LossAt)
                    ? Additional(root, diagnostic, FixProperties.LossAt)
                    : Argument(primary);
                if (loss is not null)
                {
                    string lossMember = Property(diagnostic, FixProperties.Loss)!;
                    AttributeSyntax network = loss.FirstAncestorOrSelf<AttributeSyntax>()!;
                    edits.SetEnumValue(loss.Expression, AttributeEdits.Qualifier(network) + "Loss." + lossMember, lossMember);
                }

                break;
            case Fix.TwoOutputUnits when Additional(root, diagnostic, FixProperties.OutputUnitsAt) is { } units:
                edits.Replace(units.Expression.Span, "2");
                break;
            case Fix.OutputLogits:
                edits.SetActivation(attribute, "Linear");
                break;
            case Fix.DropBias:
                edits.SetNamed(attribute, "UseBias", "false");
                break;
            case Fix.KernelOfOne when Argument(primary) is { } kernel:
                // Padding around a 1 × 1 kernel would grow the output: without it the output keeps its 1 × 1.
                edits.Replace(kernel.Expression.Span, "1");
                edits.RemoveNamed(attribute, "Padding");
                break;
            default:
                return document;
        }

        return document.WithText(edits.Apply());
    }

    private static string? Property(Diagnostic diagnostic, string key)
        => diagnostic.Properties.TryGetValue(key, out string? value) ? value : null;

    private static AttributeArgumentSyntax? Argument(SyntaxNode node) => node.FirstAncestorOrSelf<AttributeArgumentSyntax>();

    /// <summary>The layer attributes a fix edits: the first <see cref="FixProperties.LayerCount"/> additional locations.</summary>
    private static IEnumerable<AttributeSyntax> Layers(SyntaxNode root, Diagnostic diagnostic)
    {
        int count = int.TryParse(Property(diagnostic, FixProperties.LayerCount), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 0;
        return diagnostic.AdditionalLocations.Take(count)
            .Where(location => location.SourceTree == root.SyntaxTree)
            .Select(location => root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>())
            .OfType<AttributeSyntax>()
            .ToList();
    }

    private static AttributeArgumentSyntax? Additional(SyntaxNode root, Diagnostic diagnostic, string key)
    {
        if (!int.TryParse(Property(diagnostic, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)
            || index >= diagnostic.AdditionalLocations.Count
            || diagnostic.AdditionalLocations[index].SourceTree != root.SyntaxTree)
        {
            return null;
        }

        return Argument(root.FindNode(diagnostic.AdditionalLocations[index].SourceSpan, getInnermostNodeForTie: true));
    }
}
