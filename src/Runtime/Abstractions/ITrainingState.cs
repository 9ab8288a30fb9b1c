using System;
using System.Collections.Generic;

namespace Neuroslyn;

/// <summary>
/// The state that training accumulates besides the parameters: the optimizer's per-parameter buffers, its step count
/// and BatchNorm's batch counters. Saving and restoring it (see <c>Neuroslyn.Weights.WeightFile</c>) lets training
/// resume exactly where it stopped.
/// </summary>
/// <remarks>Not thread-safe: read or write it only while no other thread trains or runs the network.</remarks>
public interface ITrainingState : INetwork
{
    /// <summary>
    /// PyTorch's names of the optimizer's per-parameter state, one per buffer of <see cref="GetOptimizerState"/>:
    /// <c>exp_avg</c> and <c>exp_avg_sq</c> for Adam, <c>momentum_buffer</c> for SGD with momentum, none for plain SGD.
    /// </summary>
    IReadOnlyList<string> OptimizerStateNames { get; }

    /// <summary>
    /// One of the optimizer's per-parameter buffers (<see cref="OptimizerStateNames"/>), laid out like
    /// <see cref="INetwork.Parameters"/>.
    /// </summary>
    /// <param name="index">Index into <see cref="OptimizerStateNames"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an index of <see cref="OptimizerStateNames"/>.</exception>
    Span<float> GetOptimizerState(int index);

    /// <summary>
    /// Number of optimizer steps taken so far (Adam's bias correction depends on it). Set it when restoring a
    /// checkpoint; it cannot be negative.
    /// </summary>
    long StepCount { get; set; }

    /// <summary>
    /// Training batches each BatchNorm layer has normalised (PyTorch's <c>num_batches_tracked</c>), one entry per
    /// BatchNorm layer in declaration order; empty when the network has none. A training forward pass
    /// (<c>ComputeGradients</c>, <c>TrainBatch</c>) adds one to each.
    /// </summary>
    Span<long> BatchesTracked { get; }
}
