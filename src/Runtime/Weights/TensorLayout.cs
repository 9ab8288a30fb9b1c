using System;

namespace Neuroslyn.Weights;

/// <summary>
/// Moves a tensor between the network's storage order and PyTorch's: the stored array's axis i is PyTorch's axis
/// <c>order[i]</c> (<see cref="TensorInfo.StorageOrder"/>; <c>[1, 0]</c> for a dense weight kept input-major), both
/// row-major. An empty order is PyTorch's own, and the values are copied as they are.
/// </summary>
internal static class TensorLayout
{
    /// <summary>Writes <paramref name="torch"/>, in PyTorch's layout of <paramref name="shape"/>, into <paramref name="stored"/>.</summary>
    public static void FromTorch(ReadOnlySpan<float> torch, ReadOnlySpan<long> shape, ReadOnlySpan<int> order, Span<float> stored)
        => Permute(torch, stored, shape, order, toStorage: true);

    /// <summary>Writes <paramref name="stored"/>, in the network's order, into <paramref name="torch"/> in PyTorch's layout of <paramref name="shape"/>.</summary>
    public static void ToTorch(ReadOnlySpan<float> stored, ReadOnlySpan<long> shape, ReadOnlySpan<int> order, Span<float> torch)
        => Permute(stored, torch, shape, order, toStorage: false);

    /// <summary>
    /// Walks the stored array in order (an odometer over its axes) and pairs each element with its place in PyTorch's
    /// layout, whose strides come from <paramref name="shape"/>.
    /// </summary>
    private static void Permute(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<long> shape, ReadOnlySpan<int> order, bool toStorage)
    {
        if (order.IsEmpty)
        {
            source.CopyTo(destination);
            return;
        }

        int rank = order.Length;
        Span<long> torchStrides = stackalloc long[rank];
        Span<long> storedShape = stackalloc long[rank];
        Span<long> storedStrides = stackalloc long[rank];
        Span<long> index = stackalloc long[rank];
        long stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            torchStrides[axis] = stride;
            stride *= shape[axis];
        }

        for (int axis = 0; axis < rank; axis++)
        {
            storedShape[axis] = shape[order[axis]];
            storedStrides[axis] = torchStrides[order[axis]];
        }

        long count = stride, torchIndex = 0;
        for (long storedIndex = 0; storedIndex < count; storedIndex++)
        {
            if (toStorage)
            {
                destination[(int)storedIndex] = source[(int)torchIndex];
            }
            else
            {
                destination[(int)torchIndex] = source[(int)storedIndex];
            }

            // The next stored element: the last axis moves first, carrying into the ones before it.
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                torchIndex += storedStrides[axis];
                if (++index[axis] < storedShape[axis])
                {
                    break;
                }

                torchIndex -= storedStrides[axis] * storedShape[axis];
                index[axis] = 0;
            }
        }
    }
}
