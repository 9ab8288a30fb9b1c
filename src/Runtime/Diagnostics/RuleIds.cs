// One list of the rule ids that both the analyzers (at build time) and the training monitor (at run time) report:
// the generator and the analyzers compile this file in (linked, as System.Text.Json's generator links its options
// types), so a rule's id is written once.
#if NEUROSLYN_ROSLYN_COMPONENT
namespace Neuroslyn.Generator.Diagnostics;
#else
namespace Neuroslyn;
#endif

/// <summary>
/// The ids of the training-hazard rules that the build-time analyzers and the run-time
/// <c>Neuroslyn.Training.TrainingMonitor</c> share; each has a page, <c>docs/diagnostics/&lt;id&gt;.md</c>.
/// </summary>
#if NEUROSLYN_ROSLYN_COMPONENT
internal static class RuleIds
#else
public static class RuleIds
#endif
{
    /// <summary>Vanishing gradient: the gradient reaching the lower layers is too small for them to learn.</summary>
    public const string VanishingGradient = "NSL2001";

    /// <summary>Exploding gradient: the gradient, or the loss, grows until training diverges.</summary>
    public const string ExplodingGradient = "NSL2002";

    /// <summary>Dead ReLU units: units whose input stays below zero pass no gradient and stop learning.</summary>
    public const string DeadRelu = "NSL2003";

    /// <summary>The learning rate is too high: updates are large against the weights.</summary>
    public const string LearningRateTooHigh = "NSL4001";

    /// <summary>The learning rate is too low: updates are negligible against the weights.</summary>
    public const string LearningRateTooLow = "NSL4002";

    /// <summary>A loss, activation, gradient or weight became NaN or infinite.</summary>
    public const string NonFiniteValue = "NSL7001";

    /// <summary>The loss stopped changing: the network is not learning.</summary>
    public const string TrainingStalled = "NSL7002";
}
