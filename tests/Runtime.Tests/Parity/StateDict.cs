using System;
using System.Collections.Generic;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Parity;

/// <summary>Moves tensors between a generated network and PyTorch's state_dict layout.</summary>
internal static class StateDict
{
    /// <summary>Writes every tensor of <paramref name="state"/> into the network, from PyTorch's layout into the network's storage order.</summary>
    public static void Load<TNet>(TNet network, Dictionary<string, float[]> state)
        where TNet : ICompiledNetwork<TNet>
    {
        foreach (TensorInfo tensor in TNet.Tensors)
        {
            if (tensor.IsCounter)
            {
                continue; // num_batches_tracked: an int64 counter, not in the float reference
            }

            Assert.True(state.TryGetValue(tensor.Name, out float[]? data), $"The reference has no tensor {tensor.Name}.");
            Span<float> target = (tensor.IsBuffer ? network.Buffers : network.Parameters).Slice(tensor.Offset, tensor.Length);
            FromTorch(tensor, data, target);
        }
    }

    /// <summary>A tensor of the network (parameters, gradients or buffers) in PyTorch's layout.</summary>
    public static float[] ToTorch(TensorInfo tensor, ReadOnlySpan<float> source)
    {
        ReadOnlySpan<float> data = source.Slice(tensor.Offset, tensor.Length);
        var result = new float[tensor.Length];
        for (int stored = 0; stored < result.Length; stored++)
        {
            result[TorchIndex(tensor, stored)] = data[stored];
        }

        return result;
    }

    private static void FromTorch(TensorInfo tensor, float[] data, Span<float> target)
    {
        Assert.Equal(tensor.Length, data.Length);
        for (int stored = 0; stored < target.Length; stored++)
        {
            target[stored] = data[TorchIndex(tensor, stored)];
        }
    }

    /// <summary>
    /// Where the element at <paramref name="stored"/> of the network's array sits in PyTorch's row-major layout. The
    /// stored array's axis a is PyTorch's axis StorageOrder[a] (none given: PyTorch's own order). Written from the
    /// definition, one element at a time, independently of the runtime's TensorLayout that it checks.
    /// </summary>
    private static int TorchIndex(TensorInfo tensor, int stored)
    {
        int rank = tensor.Shape.Count;
        int torchIndex = 0;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            int torchAxis = tensor.StorageOrder.Count == 0 ? axis : tensor.StorageOrder[axis];
            int extent = tensor.Shape[torchAxis];
            int torchStride = 1;
            for (int later = torchAxis + 1; later < rank; later++)
            {
                torchStride *= tensor.Shape[later];
            }

            torchIndex += (stored % extent) * torchStride;
            stored /= extent;
        }

        return torchIndex;
    }
}
