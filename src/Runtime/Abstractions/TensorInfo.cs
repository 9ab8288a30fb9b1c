using System.Collections.Generic;

namespace Neuroslyn;

/// <summary>What a tensor of a generated network is for.</summary>
public enum TensorRole
{
    /// <summary>A dense layer's weight matrix.</summary>
    Weight,

    /// <summary>A dense layer's bias vector.</summary>
    Bias,

    /// <summary>BatchNorm's learnable scale (gamma; PyTorch <c>weight</c>).</summary>
    Scale,

    /// <summary>BatchNorm's learnable shift (beta; PyTorch <c>bias</c>).</summary>
    Shift,

    /// <summary>BatchNorm's running mean (a buffer).</summary>
    RunningMean,

    /// <summary>BatchNorm's running variance (a buffer).</summary>
    RunningVariance,

    /// <summary>
    /// BatchNorm's count of training batches (PyTorch <c>num_batches_tracked</c>, a 0-dim int64): an entry of
    /// <see cref="ITrainingState.BatchesTracked"/>, not of the float buffers.
    /// </summary>
    BatchesTracked,
}

/// <summary>Where one tensor of a generated network lives.</summary>
/// <param name="Name">PyTorch state_dict name of the equivalent <c>nn.Sequential</c>, e.g. <c>0.weight</c>.</param>
/// <param name="Role">What the tensor is for.</param>
/// <param name="Layer">Index of the layer in declaration order.</param>
/// <param name="Offset">
/// Offset into <see cref="INetwork.Parameters"/>, or <see cref="INetwork.Buffers"/> for buffers, or the index into
/// <see cref="ITrainingState.BatchesTracked"/> for a <see cref="TensorRole.BatchesTracked"/> counter.
/// </param>
/// <param name="Shape">Shape in PyTorch's convention: <c>[out, in]</c> for a weight, <c>[n]</c> for vectors, <c>[]</c> for a counter.</param>
/// <param name="StorageOrder">
/// How the network stores the tensor, as a permutation of <paramref name="Shape"/>'s axes (row-major): the stored
/// array's axis i is PyTorch's axis <c>StorageOrder[i]</c>. Empty when stored in PyTorch's own order; <c>[1, 0]</c>
/// for a dense weight, kept input-major (<c>[in, out]</c>) because that is the layout the kernels stream.
/// </param>
public sealed record TensorInfo(string Name, TensorRole Role, int Layer, int Offset, IReadOnlyList<int> Shape, IReadOnlyList<int> StorageOrder)
{
    /// <summary>True when the tensor is stored as the transpose of its 2-D <see cref="Shape"/> (dense weights).</summary>
    public bool IsTransposed => StorageOrder.Count == 2 && StorageOrder[0] == 1 && StorageOrder[1] == 0;

    /// <summary>True when the stored order differs from PyTorch's (<see cref="StorageOrder"/> is not the identity).</summary>
    public bool IsPermuted
    {
        get
        {
            for (int axis = 0; axis < StorageOrder.Count; axis++)
            {
                if (StorageOrder[axis] != axis)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Number of elements (1 for a 0-dim counter).</summary>
    public int Length
    {
        get
        {
            // Indexed: a foreach over the interface would allocate an enumerator, and the monitor asks at every sampled step.
            int length = 1;
            for (int axis = 0; axis < Shape.Count; axis++)
            {
                length *= Shape[axis];
            }

            return length;
        }
    }

    /// <summary>True for BatchNorm running statistics, which live in <see cref="INetwork.Buffers"/>.</summary>
    public bool IsBuffer => Role is TensorRole.RunningMean or TensorRole.RunningVariance;

    /// <summary>True for a trainable tensor, which lives in <see cref="INetwork.Parameters"/>.</summary>
    public bool IsParameter => Role is TensorRole.Weight or TensorRole.Bias or TensorRole.Scale or TensorRole.Shift;

    /// <summary>True for a BatchNorm batch counter (int64), which lives in <see cref="ITrainingState.BatchesTracked"/>.</summary>
    public bool IsCounter => Role == TensorRole.BatchesTracked;

    /// <summary>
    /// True for a tensor whose values are never negative: BatchNorm's running variance, whose square root the network
    /// takes. A weight file holding a negative value for it is refused.
    /// </summary>
    public bool IsNonNegative => Role == TensorRole.RunningVariance;
}
