using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// The logistic sigmoid <c>1 / (1 + e^-x)</c> in float vectors, within 3 ulp of the exact value for inputs above -87
/// (the tests check it against <see cref="Math.Exp"/> in double precision).
/// </summary>
/// <remarks>
/// For the same reason as <see cref="TanhKernel"/>: in a batch-1 sigmoid network each layer waits for the activation
/// before it. <c>e^-x</c> comes from <see cref="VectorMath.ExpParts"/> with -x clamped to ±87.3 (2^n stays a normal
/// float); below x = -87.3 the exact sigmoid is under 1.3e-38, and the result is 0.
/// </remarks>
internal static class SigmoidKernel
{
    /// <summary><c>x = 1 / (1 + e^-x)</c> in place.</summary>
    public static void Apply(Span<float> x) => VectorMath.ApplyInPlace<Function>(x);

    /// <summary>The sigmoid of each lane; NaN stays NaN, +∞ gives 1, -∞ gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> x)
    {
        var limit = new Vector<float>(VectorMath.ExpLimit);
        Vector<float> y = Vector.Min(Vector.Max(-x, -limit), limit);
        Vector<float> series = VectorMath.ExpParts(y, out Vector<float> scale);
        Vector<float> exp = Vector.FusedMultiplyAdd(scale, series, scale);
        Vector<float> result = Vector<float>.One / (Vector<float>.One + exp);
        result = Vector.ConditionalSelect(Vector.LessThan(x, -limit), Vector<float>.Zero, result);
        return Vector.ConditionalSelect(Vector.Equals(x, x), result, x);
    }

    private readonly struct Function : IVectorFunction
    {
        public static Vector<float> Invoke(Vector<float> x) => Sigmoid(x);
    }
}
