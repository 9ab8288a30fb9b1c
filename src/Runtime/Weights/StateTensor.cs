using System;

namespace Neuroslyn.Weights;

/// <summary>Where a tensor of a weight file lives in a network.</summary>
internal enum StateStorage
{
    /// <summary><see cref="INetwork.Parameters"/>.</summary>
    Parameters,

    /// <summary><see cref="INetwork.Buffers"/>.</summary>
    Buffers,

    /// <summary><see cref="ITrainingState.BatchesTracked"/> (int64).</summary>
    Counters,

    /// <summary>One of <see cref="ITrainingState.GetOptimizerState"/>'s buffers.</summary>
    OptimizerState,

    /// <summary><see cref="ITrainingState.StepCount"/> (int64).</summary>
    Step,
}

/// <summary>
/// One tensor of a network's weight file: its name, dtype and PyTorch shape, and where its values live.
/// </summary>
/// <param name="Name">The tensor's name in the file.</param>
/// <param name="DType">F32 or I64.</param>
/// <param name="Shape">PyTorch's shape; <c>[]</c> for a scalar.</param>
/// <param name="Storage">Which of the network's stores holds it.</param>
/// <param name="StateIndex">For <see cref="StateStorage.OptimizerState"/>, the index of the optimizer's buffer.</param>
/// <param name="Offset">Offset into the store (the index of a counter).</param>
/// <param name="Length">Number of elements.</param>
/// <param name="StorageOrder">The network's order of <paramref name="Shape"/>'s axes (<see cref="TensorInfo.StorageOrder"/>); empty for PyTorch's.</param>
internal sealed record StateTensor(string Name, string DType, long[] Shape, StateStorage Storage, int StateIndex, int Offset, int Length, int[] StorageOrder)
{
    /// <summary>
    /// True when no value may be negative (a variance, a mean of squares: the network takes its square root), from the
    /// tensor's role (<see cref="TensorInfo.IsNonNegative"/>) or the optimizer state's kind.
    /// </summary>
    public bool NonNegative { get; init; }

    public bool IsInt64 => DType == SafeTensorsDType.I64;

    public long ByteCount => (long)Length * (IsInt64 ? sizeof(long) : sizeof(float));

    /// <summary>How the messages describe it: <c>F32 [128, 784]</c>.</summary>
    public string Describe() => $"{DType} {SafeTensorsDType.Shape(Shape)}";

    public bool Matches(SafeTensorsEntry entry) => entry.DType == DType && entry.Shape.AsSpan().SequenceEqual(Shape);
}
