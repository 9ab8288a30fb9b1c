using System;

namespace Neuroslyn.Training;

/// <summary>How <see cref="Trainer"/> runs: epochs, mini-batches, shuffling, early stopping, progress.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per mini-batch. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of the per-epoch shuffle: the same seed gives the same batches. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Whether to shuffle the samples before each epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Stop when the validation loss has not improved by more than <see cref="MinimumImprovement"/> for this many
    /// epochs. 0, the default, never stops early. Needs a validation set.
    /// </summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>The smallest decrease of the validation loss that counts as an improvement. Default 0.</summary>
    public float MinimumImprovement { get; init; }

    /// <summary>
    /// With early stopping, put back the parameters and buffers of the epoch with the best validation loss when
    /// training ends. Default true.
    /// </summary>
    public bool RestoreBestParameters { get; init; } = true;

    /// <summary>
    /// Threads each training step uses (<see cref="ITrainableNetwork{TTarget}.TrainingThreads"/>), for the run; the
    /// network's own setting is restored afterwards. Default 1. The result does not depend on it.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// The learning rate of each epoch, from the epoch (1 for the first) and the network's learning rate when
    /// <see cref="Trainer.Fit{TNet, TTarget}"/> began; set before the epoch's first step. For example a cosine decay
    /// over 10 epochs (PyTorch's <c>CosineAnnealingLR</c> stepped per epoch):
    /// <c>(epoch, initial) =&gt; initial * 0.5f * (1 + MathF.Cos(MathF.PI * (epoch - 1) / 10))</c>. Null, the default,
    /// leaves the rate alone. Fit puts the network's own rate back when it ends, so that a second Fit starts from it.
    /// </summary>
    public Func<int, float, float>? LearningRateSchedule { get; init; }

    /// <summary>Report progress every this many mini-batches (and at the end of each epoch). Default 50.</summary>
    public int ProgressInterval { get; init; } = 50;
}
