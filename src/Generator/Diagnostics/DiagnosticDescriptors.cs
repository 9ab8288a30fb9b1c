using Microsoft.CodeAnalysis;

namespace Neuroslyn.Generator.Diagnostics;

/// <summary>
/// The one catalogue of Neuroslyn diagnostics. Ids are never renumbered. NSL0xxx: the declaration cannot be
/// compiled into a network. Each id has a page at docs/diagnostics/&lt;ID&gt;.md and a row in
/// AnalyzerReleases.Unshipped.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string DeclarationCategory = "Neuroslyn.Declaration";

    public static readonly DiagnosticDescriptor ClassNotPartial = Error(
        "NSL0001",
        "Network class must be partial",
        "'{0}' has [Network] but is not partial: the generator adds the network's members to it. Declare it 'partial class {0}'.");

    public static readonly DiagnosticDescriptor UnsupportedClass = Error(
        "NSL0002",
        "Network class cannot be generated",
        "'{0}' cannot hold a generated network: {1}");

    public static readonly DiagnosticDescriptor MissingInputs = Error(
        "NSL0003",
        "Network needs a positive input size",
        "[Network] on '{0}' {1}: set Inputs to the number of features per sample, e.g. [Network(Inputs = 784)]");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "NSL0004",
        "Network has no layers",
        "'{0}' declares no layers: add at least one, e.g. [Dense(10)], after [Network]");

    public static readonly DiagnosticDescriptor InvalidLayerSize = Error(
        "NSL0005",
        "Layer size out of range",
        "{0} has {1}: {2}");

    public static readonly DiagnosticDescriptor UnknownEnumValue = Error(
        "NSL0006",
        "Unknown enum value",
        "{0} = {1} is not a defined {2} value: use one of {3}");

    public static readonly DiagnosticDescriptor InvalidArgument = Error(
        "NSL0007",
        "Argument out of range",
        "{0} = {1} is out of range: {2}");

    public static readonly DiagnosticDescriptor SoftmaxNotOnOutput = Error(
        "NSL0008",
        "Softmax is only supported on the output layer",
        "Layer {0} uses Activation.Softmax but is not the output layer: use ReLU (or another element-wise activation) in hidden layers");

    public static readonly DiagnosticDescriptor UnreadableAttribute = Error(
        "NSL0009",
        "Layer attribute cannot be read",
        "[{0}] could not be read: {1}. Fix the attribute's arguments; no network is generated until then.");

    private static DiagnosticDescriptor Error(string id, string title, string message) => new(
        id,
        title,
        message,
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(id));

    /// <summary>Where a diagnostic's documentation lives.</summary>
    public static string HelpLink(string id) => $"https://github.com/neuroslyn/neuroslyn/blob/main/docs/diagnostics/{id}.md";

    /// <summary>Every descriptor, for catalogue tests.</summary>
    public static DiagnosticDescriptor[] All =>
    [
        ClassNotPartial, UnsupportedClass, MissingInputs, NoLayers, InvalidLayerSize, UnknownEnumValue,
        InvalidArgument, SoftmaxNotOnOutput, UnreadableAttribute,
    ];
}
