using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Neuroslyn.Kernels;

/// <summary>A function of each lane of a vector, for <see cref="VectorMath.ApplyInPlace{TFunction}"/>.</summary>
internal interface IVectorFunction
{
    /// <summary>The function of each lane of <paramref name="x"/>.</summary>
    static abstract Vector<float> Invoke(Vector<float> x);
}

/// <summary>
/// What the exponential-based activations (<see cref="TanhKernel"/>, <see cref="SigmoidKernel"/>) share: the range
/// reduction of <c>e^y</c> and the loop over a span. Float arithmetic and fused multiply-adds only, so every machine
/// computes the same bits, with or without FMA hardware (without it the runtime emulates them exactly, slowly).
/// </summary>
internal static class VectorMath
{
    /// <summary>The largest |y| <see cref="ExpParts"/> takes: 2^n stays a normal float.</summary>
    public const float ExpLimit = 87.3f;

    // ln 2 split so that n·Ln2High is exact for every |n| ≤ 127 (Ln2High has 9 significant bits).
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float Log2E = 1.44269504f;

    /// <summary>
    /// <c>e^y = scale·(1 + series)</c> for |y| ≤ <see cref="ExpLimit"/>: <c>y = n·ln 2 + r</c> with |r| ≤ ln 2 / 2,
    /// <paramref name="scale"/> = 2^n exactly, and the returned series is <c>e^r - 1</c> (Taylor to <c>r^7/7!</c>; the next
    /// term is below 2e-8 of the sum). Returning <c>e^r - 1</c> rather than <c>e^r</c> keeps the relative precision of
    /// <c>e^y - 1</c> near zero, where n is 0 and the series is the whole answer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ExpParts(Vector<float> y, out Vector<float> scale)
    {
        Vector<float> n = Vector.Round(y * new Vector<float>(Log2E));
        Vector<float> r = Vector.FusedMultiplyAdd(n, new Vector<float>(-Ln2High), y);
        r = Vector.FusedMultiplyAdd(n, new Vector<float>(-Ln2Low), r);

        // e^r - 1 = r + r²·(1/2 + r/6) + r⁴·((1/24 + r/120) + r²·(1/720 + r/5040)), grouped so that the terms are
        // computed side by side: the chain of dependent operations is what a short span waits for.
        Vector<float> r2 = r * r;
        Vector<float> low = Vector.FusedMultiplyAdd(r, new Vector<float>(1f / 6), new Vector<float>(0.5f));
        Vector<float> middle = Vector.FusedMultiplyAdd(r, new Vector<float>(1f / 120), new Vector<float>(1f / 24));
        Vector<float> high = Vector.FusedMultiplyAdd(r, new Vector<float>(1f / 5040), new Vector<float>(1f / 720));

        // 2^n from its exponent bits.
        scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
        return Vector.FusedMultiplyAdd(r2 * r2, Vector.FusedMultiplyAdd(r2, high, middle), Vector.FusedMultiplyAdd(r2, low, r));
    }

    /// <summary><c>x = f(x)</c> in place, a vector at a time.</summary>
    public static void ApplyInPlace<TFunction>(Span<float> x)
        where TFunction : IVectorFunction
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        nuint length = (nuint)x.Length;
        nuint width = (nuint)Vector<float>.Count;
        nuint i = 0;
        for (; i + width <= length; i += width)
        {
            TFunction.Invoke(Vector.LoadUnsafe(ref start, i)).StoreUnsafe(ref start, i);
        }

        if (i < length)
        {
            // The tail goes through the same vector arithmetic, so a value's result does not depend on where it sits.
            Span<float> tail = stackalloc float[Vector<float>.Count];
            Span<float> rest = x.Slice((int)i);
            rest.CopyTo(tail);
            ref float padded = ref MemoryMarshal.GetReference(tail);
            TFunction.Invoke(Vector.LoadUnsafe(ref padded)).StoreUnsafe(ref padded);
            tail.Slice(0, rest.Length).CopyTo(rest);
        }
    }
}
