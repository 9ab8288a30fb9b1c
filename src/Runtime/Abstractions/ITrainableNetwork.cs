using System;

namespace Neuroslyn;

/// <summary>
/// The training side of a generated network.
/// </summary>
/// <typeparam name="TTarget">
/// <see cref="int"/> (one class index per sample) for <see cref="Loss.SoftmaxCrossEntropy"/>;
/// <see cref="float"/> (<c>OutputSize</c> values per sample) for the other losses.
/// </typeparam>
/// <remarks>Training methods are not thread-safe: one thread trains a given instance at a time.</remarks>
public interface ITrainableNetwork<TTarget> : ITrainingState
    where TTarget : unmanaged
{
    /// <summary>
    /// Trains on one mini-batch: forward pass in training mode, backpropagation and one optimizer step.
    /// </summary>
    /// <returns>The mini-batch's mean loss before the step.</returns>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets);

    /// <summary>
    /// Runs the forward pass in training mode and backpropagation, leaving the gradient of the mean loss in
    /// <see cref="INetwork.Gradients"/> without changing the parameters.
    /// </summary>
    /// <returns>The mini-batch's mean loss.</returns>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets);

    /// <summary>Applies one optimizer step with the current <see cref="INetwork.Gradients"/>.</summary>
    void ApplyGradients();

    /// <summary>The mean loss of a batch in inference mode (no dropout, BatchNorm running statistics).</summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets);

    /// <summary>
    /// The optimizer's learning rate, initially the one declared on <see cref="NetworkAttribute"/>. Change it
    /// between steps for a schedule.
    /// </summary>
    float LearningRate { get; set; }

    /// <summary>
    /// Threads a training step may use (1, the default, to <see cref="Kernels.KernelThreads.MaxThreads"/>). With more
    /// than one, each matrix product of the step is split by rows over worker threads and the optimizer step by
    /// parameters; every value is computed by the same operations in the same order, so the result is
    /// bit-for-bit the same as on one thread.
    /// </summary>
    int TrainingThreads { get; set; }

    /// <summary>
    /// Restarts the dropout random stream. Two runs that start from the same parameters and dropout seed
    /// draw the same masks.
    /// </summary>
    void ResetDropout(ulong seed);
}
