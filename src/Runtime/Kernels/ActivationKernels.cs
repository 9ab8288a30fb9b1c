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

    /// <summary><c>x = 1 / (1 + e^-x)</c> in place, within 3 ulp above -87 and the same bits on every machine (see <see cref="SigmoidKernel"/>).</summary>
    public static void Sigmoid(Span<float> x) => SigmoidKernel.Apply(x);

    /// <summary><c>x = tanh(x)</c> in place, within 3 ulp and the same bits on every machine (see <see cref="TanhKernel"/>).</summary>
    public static void Tanh(Span<float> x) => TanhKernel.Apply(x);

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
    public static void LeakyReLUBackward(ReadOnlySpan<float> y, Span<float> g, float slope) => ApplyDerivative(y, g, new LeakyReLUDerivative(slope));

    /// <summary><c>g = g·y·(1 - y)</c>: the sigmoid derivative applied to <paramref name="g"/>.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, Span<float> g) => ApplyDerivative(y, g, default(SigmoidDerivative));

    /// <summary><c>g = g·(1 - y²)</c>: the tanh derivative applied to <paramref name="g"/>.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, Span<float> g) => ApplyDerivative(y, g, default(TanhDerivative));

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

    /// <summary>
    /// The one loop of every element-wise backward pass: <c>g[i] = derivative.Apply(g[i], y[i])</c>, vectorised. The
    /// operator is a struct, so each call is specialised and inlined by the JIT.
    /// </summary>
    private static void ApplyDerivative<TDerivative>(ReadOnlySpan<float> y, Span<float> g, TDerivative derivative)
        where TDerivative : struct, IDerivative
    {
        CheckSameLength(y, g);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float gs = ref MemoryMarshal.GetReference(g);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= g.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ref float gAt = ref Unsafe.Add(ref gs, i);
                derivative.Apply(Vector.LoadUnsafe(ref gAt), Vector.LoadUnsafe(ref Unsafe.Add(ref ys, i))).StoreUnsafe(ref gAt);
            }
        }

        for (; i < g.Length; i++)
        {
            g[i] = derivative.Apply(g[i], y[i]);
        }
    }

    /// <summary>Multiplies a gradient by an activation's derivative, given the activation's output.</summary>
    private interface IDerivative
    {
        Vector<float> Apply(Vector<float> g, Vector<float> y);

        float Apply(float g, float y);
    }

    private readonly struct LeakyReLUDerivative(float slope) : IDerivative
    {
        public Vector<float> Apply(Vector<float> g, Vector<float> y)
            => Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), g, g * new Vector<float>(slope));

        public float Apply(float g, float y) => y > 0 ? g : g * slope;
    }

    private readonly struct SigmoidDerivative : IDerivative
    {
        public Vector<float> Apply(Vector<float> g, Vector<float> y) => g * y * (Vector<float>.One - y);

        // The same order as the vector lanes, so a value's gradient does not depend on whether it falls in the tail.
        public float Apply(float g, float y) => g * y * (1f - y);
    }

    private readonly struct TanhDerivative : IDerivative
    {
        public Vector<float> Apply(Vector<float> g, Vector<float> y) => g * (Vector<float>.One - (y * y));

        public float Apply(float g, float y) => g * (1f - (y * y));
    }

    private static void CheckSameLength(ReadOnlySpan<float> y, Span<float> g)
    {
        if (y.Length != g.Length)
        {
            throw new ArgumentException($"The activation output has {y.Length} values but the gradient has {g.Length}; they must match.", nameof(g));
        }
    }
}
