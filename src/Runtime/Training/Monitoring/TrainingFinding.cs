using System;

namespace Neuroslyn.Training;

/// <summary>How serious a <see cref="TrainingFinding"/> is.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; training is probably fine.</summary>
    Info,

    /// <summary>Training is impaired: it learns slowly, partly or not at all.</summary>
    Warning,

    /// <summary>Training is broken: non-finite values, or most units of a layer dead.</summary>
    Error,
}

/// <summary>
/// A training hazard the <see cref="TrainingMonitor"/> saw happen, under the id of the build-time rule that warns
/// about the same hazard (<c>docs/diagnostics/&lt;RuleId&gt;.md</c>).
/// </summary>
/// <param name="RuleId">The diagnostic id, such as <c>NSL2001</c> (vanishing gradient).</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Epoch">The epoch (from 1) in which it was seen.</param>
/// <param name="Step">The optimizer step (from 1, counted by the monitor) at which it was seen; for epoch-level
/// metrics, the last step of the epoch.</param>
/// <param name="Layer">Index of the layer concerned (declaration order), or null for the whole network.</param>
/// <param name="Tensor">The tensor concerned: a state_dict name (<c>0.weight</c>), <c>output</c> for a layer's
/// forward output, <c>loss</c>; null when the finding is about a layer as a whole.</param>
/// <param name="Metric">What was measured, such as <c>gradient-norm-ratio</c>.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Threshold">The threshold it crossed.</param>
/// <param name="Message">What happened, with the numbers.</param>
/// <param name="Advice">What to do about it.</param>
public sealed record TrainingFinding(
    string RuleId, FindingSeverity Severity, int Epoch, long Step, int? Layer, string? Tensor, string Metric,
    double Value, double Threshold, string Message, string Advice)
{
    /// <summary>The rule id, severity, message and advice on one line.</summary>
    public override string ToString() => $"{RuleId} {Severity.ToString().ToLowerInvariant()}: {Message} {Advice}";
}

/// <summary>Thrown by <see cref="TrainingMonitor.ThrowIfHalted"/> when a finding at the stop severity ended training.</summary>
public sealed class TrainingHaltedException : Exception
{
    /// <summary>Creates the exception for <paramref name="finding"/>.</summary>
    public TrainingHaltedException(TrainingFinding finding)
        : base($"Training stopped: {finding}")
    {
        Finding = finding;
    }

    /// <summary>The finding that stopped training.</summary>
    public TrainingFinding Finding { get; }
}
