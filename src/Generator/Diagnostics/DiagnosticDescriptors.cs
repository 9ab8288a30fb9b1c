using Microsoft.CodeAnalysis;

namespace Neuroslyn.Generator.Diagnostics;

/// <summary>
/// The one catalogue of Neuroslyn diagnostics. Ids are never renumbered and are grouped by area:
/// NSL0xxx the declaration cannot be compiled into a network; NSL1xxx dropout; NSL2xxx gradient flow (vanishing,
/// exploding, dead units); NSL3xxx weight initialisation; NSL4xxx learning rate and optimizer; NSL5xxx loss and
/// output layer; NSL6xxx architecture; NSL7xxx hazards only the run-time training monitor can see. Each id has a page
/// at docs/diagnostics/&lt;ID&gt;.md and a row in AnalyzerReleases.Unshipped.md. Every one up to NSL6xxx is reported
/// by the analyzers (src/Analyzers), the declaration errors too; the parser finds the declaration errors and the
/// generator emits nothing for a declaration that has one. The run-time monitor (Neuroslyn.Training.TrainingMonitor)
/// reports its findings under the same ids (NSL2001-NSL2003, NSL4001, NSL4002) and under the NSL7xxx ids, which no
/// analyzer reports: they are catalogued here so that ids stay unique and documented.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string DeclarationCategory = "Neuroslyn.Declaration";
    private const string DropoutCategory = "Neuroslyn.Dropout";
    private const string GradientFlowCategory = "Neuroslyn.GradientFlow";
    private const string InitializationCategory = "Neuroslyn.Initialization";
    private const string OptimizerCategory = "Neuroslyn.Optimizer";
    private const string LossCategory = "Neuroslyn.Loss";
    private const string ArchitectureCategory = "Neuroslyn.Architecture";
    private const string TrainingCategory = "Neuroslyn.Training";

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
        "[Network] on '{0}' {1}: set Inputs to the number of features per sample, e.g. [Network(Inputs = 784)], or InputShape to an image's channels, height and width, e.g. [Network(InputShape = new[] {{ 1, 28, 28 }})]");

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

    public static readonly DiagnosticDescriptor InvalidLayerName = Error(
        "NSL0010",
        "Invalid layer name",
        "Layer {0} cannot be named {1}: {2}. The name prefixes the layer's tensors in weight files, so a file could not tell them apart or name them.");

    public static readonly DiagnosticDescriptor LayerShapeMismatch = Error(
        "NSL0011",
        "Layer does not fit its input's shape",
        "{0} cannot take its input of shape {1}: {2}");

    public static readonly DiagnosticDescriptor GeneratedMemberConflict = Error(
        "NSL0012",
        "Class conflicts with the generated network's members",
        "'{0}' {1}: {2}");

    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Error(
        "NSL0013",
        "Layer attributes on more than one partial declaration",
        "[{0}] is on a partial declaration of '{1}' that does not carry [Network]: layers are read in source order, and two declarations in two files have none between them. Move every layer attribute of '{1}' to the declaration with [Network], in the order the layers run.");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "NSL0014",
        "The generated network needs a newer C# version",
        "'{0}' is compiled as C# {1}, and the generated network needs C# {2} or later: it implements the static abstract members of ICompiledNetwork and declares file-local helpers, which C# {2} introduced. Set <LangVersion>{2}</LangVersion> or later in the project, or remove LangVersion to use the SDK's default.");

    public static readonly DiagnosticDescriptor TooManyLayers = Error(
        "NSL0015",
        "Network has too many layers",
        "'{0}' declares {1} layers, more than the {2} a network may have: each layer adds generated code, and the compiler's time and memory grow with every one (hundreds of layers take minutes and gigabytes). Use fewer, wider layers, or split the model into several networks.");

    public static readonly DiagnosticDescriptor ResidualBlockStructure = Error(
        "NSL0016",
        "Residual block is not well formed",
        "The residual block at layer {0} cannot be built: {1}");

    // NSL1xxx: dropout

    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = new(
        "NSL1001",
        "Dropout rate outside [0, 1)",
        "Dropout({0}) {1}",
        DropoutCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A dropout rate is the probability of dropping each unit in training. At 1 every unit is dropped and nothing reaches the layers after it; a negative rate means nothing. The generator emits no network for it.",
        helpLinkUri: HelpLink("NSL1001"));

    public static readonly DiagnosticDescriptor DropoutRateTooHigh = Rule(
        "NSL1002",
        "Dropout rate above the useful range",
        "Dropout({0}) drops {1} of the units: less than half of the signal reaches the next layer in each training step, and the survivors are scaled by {2}. Use a rate of at most {3}, such as {3}.",
        DropoutCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DropoutRateZero = Rule(
        "NSL1003",
        "Dropout rate of 0 does nothing",
        "Dropout({0}) drops no unit: the layer regularises nothing. Remove it, or use a rate such as 0.2.",
        DropoutCategory,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor DropoutBeforeBatchNorm = Rule(
        "NSL1004",
        "Dropout directly before BatchNorm",
        "Dropout({0}) directly before BatchNorm shifts its statistics: in training BatchNorm sees the dropped and rescaled units, whose variance is up to 1/(1 - {0}) = {1}x the variance it sees in inference. Put the Dropout after the BatchNorm.",
        DropoutCategory,
        DiagnosticSeverity.Info);

    // NSL2xxx: gradient flow

    public static readonly DiagnosticDescriptor VanishingGradient = Rule(
        RuleIds.VanishingGradient,
        "Vanishing gradient",
        "{0}: the gradient reaching {1} is at most {2} of the output's{3}. Use ReLU with He initialisation, or insert [BatchNorm] between the layers.",
        GradientFlowCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ExplodingGradient = Rule(
        RuleIds.ExplodingGradient,
        "Exploding gradient risk",
        "{0}: {1}. Clip the gradients (ClipNorm = 1f), insert [BatchNorm] after the hidden layers, or lower the learning rate.",
        GradientFlowCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DeadRelu = Rule(
        RuleIds.DeadRelu,
        "Dead ReLU risk",
        "{0} trains with LearningRate = {1}, {2}x {3}'s usual {4}: steps this large overshoot, and one of them can push a unit's weighted sum below 0 for every input, after which ReLU outputs 0, passes no gradient and the unit never recovers. Lower the learning rate to {4}, or use LeakyReLU.",
        GradientFlowCategory,
        DiagnosticSeverity.Warning);

    // NSL3xxx: initialisation

    public static readonly DiagnosticDescriptor HeInitializerWithSaturatingActivation = Rule(
        "NSL3001",
        "He initialisation with a saturating activation",
        "{0} is meant for ReLU: with {1} it draws weights with variance 2/fan_in = {2}, {3}x Glorot's 2/(fan_in + fan_out) = {4}, which pushes pre-activations into {1}'s flat tails where the gradient vanishes. Use Initializer.{5}, or leave Initializer unset.",
        InitializationCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GlorotInitializerWithRelu = Rule(
        "NSL3002",
        "Glorot initialisation with ReLU",
        "{0} is meant for symmetric activations: {1} zeroes about half of its inputs, so with variance 2/(fan_in + fan_out) = {2} instead of He's 2/fan_in = {3} the signal's variance is multiplied by {4} at this layer. Use Initializer.{5}, or leave Initializer unset.",
        InitializationCategory,
        DiagnosticSeverity.Info);

    // NSL4xxx: learning rate and optimizer

    public static readonly DiagnosticDescriptor LearningRateTooHigh = Rule(
        RuleIds.LearningRateTooHigh,
        "Learning rate far above the optimizer's usual value",
        "LearningRate = {0} is {1}x {2}'s usual {3}: steps this large overshoot the minimum and the loss diverges. Use {3}, or at most {4}.",
        OptimizerCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LearningRateTooLow = Rule(
        RuleIds.LearningRateTooLow,
        "Learning rate too small to train",
        "LearningRate = {0} is below {1}: each step moves the weights by about {0}x their gradient, so the network barely changes in any number of epochs. Use {2}'s usual {3}.",
        OptimizerCategory,
        DiagnosticSeverity.Warning);

    // NSL5xxx: loss and output layer

    public static readonly DiagnosticDescriptor SoftmaxCrossEntropyWithOneOutput = Rule(
        "NSL5001",
        "Softmax cross-entropy over a single output",
        "Loss.SoftmaxCrossEntropy over 1 output: the softmax of a single value is always 1, so the loss is always 0 and no gradient flows. Use Loss.BinaryCrossEntropy for one output, or give the output layer one unit per class.",
        LossCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OutputSquashedTwice = Rule(
        "NSL5002",
        "Output activation applied again by the loss",
        "The output layer applies {0} and Loss.{1} applies {2} to its result: {3}. Output logits (Activation.Linear) and let the loss apply {2}, or use Loss.{4}.",
        LossCategory,
        DiagnosticSeverity.Error);

    // NSL6xxx: architecture

    public static readonly DiagnosticDescriptor LinearHiddenLayer = Rule(
        "NSL6001",
        "Hidden layer without activation",
        "{0} has no activation and feeds {1}: two linear maps compose into one, so its {2} parameters add no expressive power. Use Activation.ReLU.",
        ArchitectureCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor BiasBeforeBatchNorm = Rule(
        "NSL6002",
        "Bias before BatchNorm is redundant",
        "{0} has a bias, but the BatchNorm after it subtracts the batch mean: its {1} bias values cancel out, get a gradient of 0 and do nothing. Set UseBias = false.",
        ArchitectureCategory,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor KernelOverPadding = Rule(
        "NSL6003",
        "Kernel larger than its input's side",
        "{0} sees an input of {1} ({2}): at any position at most {3} of the {4} taps of its {5} × {5} kernel lie on the image and the rest multiply padding. Remove a stride or a pooling before it so that the image stays at least {5} × {5}, or use a 1 × 1 convolution (kernel 1) or [GlobalAvgPool2D] there.",
        ArchitectureCategory,
        DiagnosticSeverity.Warning);

    // NSL7xxx: run time only, reported by the training monitor (never by an analyzer)

    public static readonly DiagnosticDescriptor NonFiniteValue = Rule(
        RuleIds.NonFiniteValue,
        "Non-finite value in training",
        "{0} became NaN or infinite at step {1}: training stops before it reaches the weights. Lower the learning rate, clip the gradients, and check the inputs.",
        TrainingCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TrainingStalled = Rule(
        RuleIds.TrainingStalled,
        "Training has stalled",
        "The loss stayed at {0} over the last {1} epochs: the network is not learning. Raise the learning rate or check the data.",
        TrainingCategory,
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Error(string id, string title, string message) => new(
        id,
        title,
        message,
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Rule(string id, string title, string message, string category, DiagnosticSeverity severity) => new(
        id,
        title,
        message,
        category,
        severity,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(id));

    /// <summary>
    /// Where a diagnostic's documentation lives: <c>docs/diagnostics/&lt;ID&gt;.md</c>, a URI relative to the root of the
    /// Neuroslyn package, which carries the pages at that path (src/Runtime/Neuroslyn.Runtime.csproj packs them), and to
    /// the root of this repository, where they are written. A user finds the page of the version they build with in the
    /// package folder, <c>~/.nuget/packages/neuroslyn/&lt;version&gt;/docs/diagnostics/&lt;ID&gt;.md</c>, offline, and the
    /// compiler's SARIF log (<c>ErrorLog</c>) gives the link as it is. The project has no public web address yet, and an
    /// absolute link to one that does not exist would lead nowhere. The IDEs built on Roslyn make an id a link only for an
    /// absolute http(s) address, so they show these ids without one. When the pages are published, put their base
    /// address in front here. CatalogueTests checks that every link names its id's page in the repository; the package
    /// test, that the link the compiler reports names a page in the package.
    /// </summary>
    public static string HelpLink(string id) => $"docs/diagnostics/{id}.md";

    /// <summary>Every descriptor, in id order: the analyzers' supported diagnostics and the catalogue tests' list.</summary>
    public static DiagnosticDescriptor[] All =>
    [
        ClassNotPartial, UnsupportedClass, MissingInputs, NoLayers, InvalidLayerSize, UnknownEnumValue,
        InvalidArgument, SoftmaxNotOnOutput, UnreadableAttribute, InvalidLayerName, LayerShapeMismatch,
        GeneratedMemberConflict, LayersOnSeveralDeclarations, LanguageVersionTooLow, TooManyLayers, ResidualBlockStructure,
        DropoutRateOutOfRange, DropoutRateTooHigh, DropoutRateZero, DropoutBeforeBatchNorm,
        VanishingGradient, ExplodingGradient, DeadRelu,
        HeInitializerWithSaturatingActivation, GlorotInitializerWithRelu,
        LearningRateTooHigh, LearningRateTooLow,
        SoftmaxCrossEntropyWithOneOutput, OutputSquashedTwice,
        LinearHiddenLayer, BiasBeforeBatchNorm, KernelOverPadding,
        NonFiniteValue, TrainingStalled,
    ];
}
