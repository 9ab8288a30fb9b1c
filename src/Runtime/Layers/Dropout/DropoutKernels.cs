using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>Inverted dropout: survivors are scaled by 1 / (1 - rate) so inference needs no rescaling.</summary>
public static class DropoutKernels
{
    /// <summary>
    /// Draws a mask (each entry 0 with probability <paramref name="rate"/>, else 1 / (1 - rate)) and applies it:
    /// <c>y = x ⊙ mask</c>.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> mask, Span<float> y, float rate, ref NetworkRandom random)
    {
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextSingle() < rate ? 0f : keep;
        }

        TensorPrimitives.Multiply(x, mask, y);
    }

    /// <summary>Applies the same mask to the gradient: <c>dx = dy ⊙ mask</c>.</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> mask, Span<float> dx) => TensorPrimitives.Multiply(dy, mask, dx);
}
