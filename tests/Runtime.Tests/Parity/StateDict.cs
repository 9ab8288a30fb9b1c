using System;
using System.Collections.Generic;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Parity;

/// <summary>Moves tensors between a generated network and PyTorch's state_dict layout.</summary>
internal static class StateDict
{
    /// <summary>Writes every tensor of <paramref name="state"/> into the network, transposing dense weights.</summary>
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
        if (!tensor.IsTransposed)
        {
            data.CopyTo(result);
            return result;
        }

        int outputs = tensor.Shape[0], inputs = tensor.Shape[1];
        for (int o = 0; o < outputs; o++)
        {
            for (int i = 0; i < inputs; i++)
            {
                result[(o * inputs) + i] = data[(i * outputs) + o];
            }
        }

        return result;
    }

    private static void FromTorch(TensorInfo tensor, float[] data, Span<float> target)
    {
        Assert.Equal(tensor.Length, data.Length);
        if (!tensor.IsTransposed)
        {
            data.CopyTo(target);
            return;
        }

        int outputs = tensor.Shape[0], inputs = tensor.Shape[1];
        for (int o = 0; o < outputs; o++)
        {
            for (int i = 0; i < inputs; i++)
            {
                target[(i * outputs) + o] = data[(o * inputs) + i];
            }
        }
    }
}
