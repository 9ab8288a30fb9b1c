using System.Collections.Generic;

namespace Neuroslyn.Training;

/// <summary>The outcome of <see cref="Trainer.Fit{TNet, TTarget}"/>.</summary>
/// <param name="Epochs">One entry per epoch run.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss (the last epoch without validation).</param>
/// <param name="StoppedEarly">True when early stopping ended training before the planned epochs.</param>
public sealed record TrainingResult(IReadOnlyList<EpochResult> Epochs, int BestEpoch, bool StoppedEarly)
{
    /// <summary>
    /// The monitor's finding that stopped training (at <see cref="MonitorOptions.StopAt"/> severity or worse), or null.
    /// The optimizer step of the batch that raised it was not applied.
    /// </summary>
    public TrainingFinding? HaltedBy { get; init; }
}
