using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// Element-wise activations and their derivatives. Backward passes work from the activation's output alone
/// (which every activation here determines its derivative from), in place on the incoming gradient.
/// </summary>
public static class ActivationKernels
{
    /// <summary><c>x = max(0, x)</c> in place.</summary>
    public static void ReLU(Span<float> x) => TensorPrimitives.Max(x, 0f, x);

    /// <summary><c>x = x &gt; 0 ? x : slope·x</c> in place.</summary>
    public static void LeakyReLU(Span<float> x, float slope)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var slopes = new Vector<float>(slope);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ref float at = ref Unsafe.Add(ref start, i);
                var v = Vector.LoadUnsafe(ref at);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), v, v * slopes).StoreUnsafe(ref at);
            }
        }

        for (; i < x.Length; i++)
        {
            float v = x[i];
            x[i] = v > 0 ? v : v * slope;
        }
    }

    /// <summary><c>x = 1 / (1 + e^-x)</c> in place.</summary>
    public static void Sigmoid(Span<float> x) => TensorPrimitives.Sigmoid(x, x);

    /// <summary><c>x = tanh(x)</c> in place.</summary>
    public static void Tanh(Span<float> x) => TensorPrimitives.Tanh(x, x);

    /// <summary>Softmax of each row of <paramref name="x"/> (rows × <paramref name="columns"/>) in place.</summary>
    public static void SoftmaxRows(Span<float> x, int columns)
    {
        for (int row = 0; row + columns <= x.Length; row += columns)
        {
            Span<float> r = x.Slice(row, columns);
            TensorPrimitives.SoftMax(r, r);
        }
    }

    /// <summary><c>g = y &gt; 0 ? g : 0</c>: the ReLU derivative applied to the gradient <paramref name="g"/>.</summary>
    public static void ReLUBackward(ReadOnlySpan<float> y, Span<float> g) => LeakyReLUBackward(y, g, 0f);

    /// <summary><c>g = y &gt; 0 ? g : slope·g</c>: the LeakyReLU derivative (non-negative slope) applied to <paramref name="g"/>.</summary>
    public static void LeakyReLUBackward(ReadOnlySpan<float> y, Span<float> g, float slope)
    {
        CheckSameLength(y, g);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float gs = ref MemoryMarshal.GetReference(g);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var slopes = new Vector<float>(slope);
            for (; i <= g.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var yv = Vector.LoadUnsafe(ref Unsafe.Add(ref ys, i));
                ref float gAt = ref Unsafe.Add(ref gs, i);
                var gv = Vector.LoadUnsafe(ref gAt);
                Vector.ConditionalSelect(Vector.GreaterThan(yv, Vector<float>.Zero), gv, gv * slopes).StoreUnsafe(ref gAt);
            }
        }

        for (; i < g.Length; i++)
        {
            g[i] = y[i] > 0 ? g[i] : g[i] * slope;
        }
    }

    /// <summary><c>g = g·y·(1 - y)</c>: the sigmoid derivative applied to <paramref name="g"/>.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, Span<float> g)
    {
        CheckSameLength(y, g);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float gs = ref MemoryMarshal.GetReference(g);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= g.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var yv = Vector.LoadUnsafe(ref Unsafe.Add(ref ys, i));
                ref float gAt = ref Unsafe.Add(ref gs, i);
                (Vector.LoadUnsafe(ref gAt) * yv * (Vector<float>.One - yv)).StoreUnsafe(ref gAt);
            }
        }

        for (; i < g.Length; i++)
        {
            g[i] *= y[i] * (1f - y[i]);
        }
    }

    /// <summary><c>g = g·(1 - y²)</c>: the tanh derivative applied to <paramref name="g"/>.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, Span<float> g)
    {
        CheckSameLength(y, g);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float gs = ref MemoryMarshal.GetReference(g);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= g.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var yv = Vector.LoadUnsafe(ref Unsafe.Add(ref ys, i));
                ref float gAt = ref Unsafe.Add(ref gs, i);
                (Vector.LoadUnsafe(ref gAt) * (Vector<float>.One - yv * yv)).StoreUnsafe(ref gAt);
            }
        }

        for (; i < g.Length; i++)
        {
            g[i] *= 1f - y[i] * y[i];
        }
    }

    /// <summary>
    /// The softmax Jacobian applied to <paramref name="g"/>, row by row: <c>g = y ⊙ (g - (g·y))</c>.
    /// </summary>
    public static void SoftmaxRowsBackward(ReadOnlySpan<float> y, Span<float> g, int columns)
    {
        CheckSameLength(y, g);
        for (int row = 0; row + columns <= g.Length; row += columns)
        {
            ReadOnlySpan<float> yr = y.Slice(row, columns);
            Span<float> gr = g.Slice(row, columns);
            float dot = TensorPrimitives.Dot(gr, yr);
            TensorPrimitives.Subtract(gr, dot, gr);
            TensorPrimitives.Multiply(gr, yr, gr);
        }
    }

    private static void CheckSameLength(ReadOnlySpan<float> y, Span<float> g)
    {
        if (y.Length != g.Length)
        {
            throw new ArgumentException($"The activation output has {y.Length} values but the gradient has {g.Length}; they must match.", nameof(g));
        }
    }
}
