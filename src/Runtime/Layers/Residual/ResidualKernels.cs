using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>
/// The residual block's sum and how its gradient splits: the body's output plus the shortcut, and, going back, the
/// same gradient to both paths, joined again at the block's input.
/// </summary>
public static class ResidualKernels
{
    /// <summary><c>y = body + shortcut</c> (<paramref name="y"/> may be <paramref name="shortcut"/>, a projection's output).</summary>
    public static void Add(ReadOnlySpan<float> body, ReadOnlySpan<float> shortcut, Span<float> y) => TensorPrimitives.Add(body, shortcut, y);

    /// <summary>
    /// Hands the gradient of the sum to both of its terms: the body's output and, for an identity shortcut, the block's
    /// input (<paramref name="shortcutDelta"/>, which the block's opening layer adds in).
    /// </summary>
    public static void Split(ReadOnlySpan<float> delta, Span<float> bodyDelta, Span<float> shortcutDelta)
    {
        delta.CopyTo(bodyDelta);
        delta.CopyTo(shortcutDelta);
    }

    /// <summary>The gradient of the block's input: what came back through the body plus what came along the shortcut.</summary>
    public static void Join(ReadOnlySpan<float> bodyDelta, ReadOnlySpan<float> shortcutDelta, Span<float> inputDelta)
        => TensorPrimitives.Add(bodyDelta, shortcutDelta, inputDelta);
}
