using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// <c>tanh</c> in float vectors, within 3 ulp of the exact value (the tests check it against <see cref="Math.Tanh"/>).
/// </summary>
/// <remarks>
/// Why not <c>TensorPrimitives.Tanh</c>: in a batch-1 tanh network each layer waits for the tanh before it, so its
/// latency is the network's. The W4 benchmark (2-16-16-1, BenchmarkDotNet in-process, two runs of each build) took
/// 196.8-200.4 ns with TensorPrimitives.Tanh and 105.1-143.3 ns with this (medians). Every machine computes the same
/// bits (see <see cref="VectorMath"/>).
/// <para>
/// The method: <c>tanh(|x|) = -m / (m + 2)</c> with <c>m = e^(-2|x|) - 1</c>. Writing <c>-2|x| = n·ln 2 + r</c>,
/// <c>|r| ≤ ln 2 / 2</c>, gives <c>m = 2^n·(e^r - 1) + (2^n - 1)</c> (<see cref="VectorMath.ExpParts"/>). Near zero, n
/// is 0 and m is the series itself, so small inputs keep their relative precision. |x| is clamped to 9, past which tanh
/// rounds to 1 in float; n is then in [-26, 0], where 2^n - 1 is exact.
/// </para>
/// </remarks>
internal static class TanhKernel
{
    private const float Saturation = 9f;

    /// <summary><c>x = tanh(x)</c> in place.</summary>
    public static void Apply(Span<float> x) => VectorMath.ApplyInPlace<Function>(x);

    /// <summary><c>tanh</c> of each lane; NaN stays NaN, ±∞ gives ±1, -0 gives -0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x)
    {
        Vector<float> y = Vector.Min(Vector.Abs(x), new Vector<float>(Saturation)) * new Vector<float>(-2f);
        Vector<float> series = VectorMath.ExpParts(y, out Vector<float> scale);
        Vector<float> m = Vector.FusedMultiplyAdd(scale, series, scale - Vector<float>.One);
        Vector<float> magnitude = m / (new Vector<float>(-2f) - m);

        // |tanh| with x's sign: the division can give -0 for x = 0, so the sign comes from x alone.
        Vector<uint> signBit = new(0x8000_0000u);
        Vector<float> result = Vector.AsVectorSingle(Vector.AndNot(Vector.AsVectorUInt32(magnitude), signBit) | (Vector.AsVectorUInt32(x) & signBit));
        return Vector.ConditionalSelect(Vector.Equals(x, x), result, x);
    }

    private readonly struct Function : IVectorFunction
    {
        public static Vector<float> Invoke(Vector<float> x) => Tanh(x);
    }
}
