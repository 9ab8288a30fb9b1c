namespace Neuroslyn.Kernels;

/// <summary>
/// One SIMD width the matrix products are written for, as a struct type parameter: the JIT compiles a product once
/// per width, each member inlined to the one instruction (or, for <see cref="SimdScalar"/>, the one float operation)
/// it stands for. The operations are exactly those the generated kernels used per width, so a product computes the
/// same bits whichever way it was compiled.
/// </summary>
/// <typeparam name="TVector">The vector type: <c>Vector512&lt;float&gt;</c>, <c>Vector256&lt;float&gt;</c>, <c>Vector128&lt;float&gt;</c> or <see cref="float"/>.</typeparam>
internal interface ISimd<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>Every lane 0.</summary>
    static abstract TVector Zero { get; }

    /// <summary>The vector at <c>source[index]</c>, unaligned.</summary>
    static abstract TVector Load(ref float source, nuint index);

    /// <summary>Writes <paramref name="value"/> to <c>destination[index]</c>, unaligned.</summary>
    static abstract void Store(TVector value, ref float destination, nuint index);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary>
    /// <c>c + a·b</c> per lane: a fused multiply-add where the hardware has one (<c>MultiplyAddEstimate</c>) for the
    /// vectors, a separate multiplication and addition for the scalar width (C# never fuses those).
    /// </summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>Lane i is <c>source[index + i·stride]</c>: a column of a row-major matrix read as a vector.</summary>
    static abstract TVector Gather(ref float source, nuint index, nuint stride);

    /// <summary>IEEE maximum with 0 per lane: NaN passes through, as in the runtime's in-place ReLU.</summary>
    static abstract TVector ReLU(TVector value);

    /// <summary><c>v &gt; 0 ? v : v·slope</c> per lane, as in the runtime's in-place LeakyReLU.</summary>
    static abstract TVector LeakyReLU(TVector value, float slope);
}
