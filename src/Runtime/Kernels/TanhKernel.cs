using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// <c>tanh</c> in float vectors, within 3 ulp of the exact value (the tests check it against <see cref="Math.Tanh"/>).
/// </summary>
/// <remarks>
/// Why not <c>TensorPrimitives.Tanh</c>: in a batch-1 tanh network each layer waits for the tanh before it, so its
/// latency is the network's. The W4 benchmark (2-16-16-1, BenchmarkDotNet in-process, two runs of each build) took
/// 196.8-200.4 ns with TensorPrimitives.Tanh and 105.1-143.3 ns with this (medians). This one uses float arithmetic
/// and fused multiply-adds only, so every machine computes the same bits, with or without FMA hardware (without it the
/// runtime emulates them exactly, slowly).
/// <para>
/// The method: <c>tanh(|x|) = -m / (m + 2)</c> with <c>m = e^(-2|x|) - 1</c>. Writing <c>-2|x| = n·ln 2 + r</c>,
/// <c>|r| ≤ ln 2 / 2</c>, gives <c>m = 2^n·(e^r - 1) + (2^n - 1)</c>, where <c>e^r - 1</c> is its Taylor series to
/// <c>r^7/7!</c> (the next term is below 2e-8 of the sum), evaluated in Estrin's grouping. Near zero, n is 0 and m is
/// the series itself, so small inputs keep their relative precision. |x| is clamped to 9, past which tanh rounds to 1
/// in float.
/// </para>
/// </remarks>
internal static class TanhKernel
{
    // ln 2 split so that n·Ln2High is exact for the |n| ≤ 26 that occur (Ln2High has 9 significant bits).
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float Log2E = 1.44269504f;
    private const float Saturation = 9f;

    /// <summary><c>x = tanh(x)</c> in place.</summary>
    public static void Apply(Span<float> x)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        nuint length = (nuint)x.Length;
        nuint width = (nuint)Vector<float>.Count;
        nuint i = 0;
        for (; i + width <= length; i += width)
        {
            Tanh(Vector.LoadUnsafe(ref start, i)).StoreUnsafe(ref start, i);
        }

        if (i < length)
        {
            // The tail goes through the same vector arithmetic, so a value's result does not depend on where it sits.
            Span<float> tail = stackalloc float[Vector<float>.Count];
            Span<float> rest = x.Slice((int)i);
            rest.CopyTo(tail);
            Tanh(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(tail))).StoreUnsafe(ref MemoryMarshal.GetReference(tail));
            tail.Slice(0, rest.Length).CopyTo(rest);
        }
    }

    /// <summary><c>tanh</c> of each lane; NaN stays NaN, ±∞ gives ±1, -0 gives -0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x)
    {
        Vector<float> clamped = Vector.Min(Vector.Abs(x), new Vector<float>(Saturation));
        Vector<float> t = clamped * new Vector<float>(-2f);
        Vector<float> n = Vector.Round(clamped * new Vector<float>(-2f * Log2E));
        Vector<float> r = Vector.FusedMultiplyAdd(n, new Vector<float>(-Ln2High), t);
        r = Vector.FusedMultiplyAdd(n, new Vector<float>(-Ln2Low), r);

        // e^r - 1 = r + r²·(1/2 + r/6) + r⁴·((1/24 + r/120) + r²·(1/720 + r/5040)), grouped so that the terms are
        // computed side by side: the chain of dependent operations is what a short span waits for.
        Vector<float> r2 = r * r;
        Vector<float> low = Vector.FusedMultiplyAdd(r, new Vector<float>(1f / 6), new Vector<float>(0.5f));
        Vector<float> middle = Vector.FusedMultiplyAdd(r, new Vector<float>(1f / 120), new Vector<float>(1f / 24));
        Vector<float> high = Vector.FusedMultiplyAdd(r, new Vector<float>(1f / 5040), new Vector<float>(1f / 720));
        Vector<float> series = Vector.FusedMultiplyAdd(r2 * r2, Vector.FusedMultiplyAdd(r2, high, middle), Vector.FusedMultiplyAdd(r2, low, r));

        // 2^n from its exponent bits; n is in [-26, 0], so 2^n - 1 is exact where it matters.
        Vector<float> scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
        Vector<float> m = Vector.FusedMultiplyAdd(scale, series, scale - Vector<float>.One);
        Vector<float> magnitude = m / (new Vector<float>(-2f) - m);

        // |tanh| with x's sign: the division can give -0 for x = 0, so the sign comes from x alone.
        Vector<uint> signBit = new(0x8000_0000u);
        Vector<float> result = Vector.AsVectorSingle(Vector.AndNot(Vector.AsVectorUInt32(magnitude), signBit) | (Vector.AsVectorUInt32(x) & signBit));
        return Vector.ConditionalSelect(Vector.Equals(x, x), result, x);
    }
}
