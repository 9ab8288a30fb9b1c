namespace Neuroslyn.Kernels;

/// <summary>
/// One matrix product <c>C[M, N] = act(bias + Σ_k A(m, k)·B[k, N])</c> as constants, where B and C are row-major
/// and A is read as <c>a[m·ARowStride + k·ADepthStride]</c>, so one kernel covers x·W, xᵀ·δ and δ·Wᵀ. Exactly one
/// of the rows and the depth is the batch size, passed at run time as <c>count</c>; every other extent is a
/// constant. A struct implementing this is the type parameter of <see cref="MatMul{TProduct, TSimd, TVector}"/>:
/// these are the parameters the generator's <c>MatMulKernel</c> record gave each emitted product.
/// </summary>
internal interface IMatMulProduct
{
    /// <summary>True when the rows M are the batch size (<c>count</c>); <see cref="Rows"/> is then unused.</summary>
    static abstract bool RowsAreBatch { get; }

    /// <summary>M, when it is a constant.</summary>
    static abstract int Rows { get; }

    /// <summary>True when the depth K is the batch size (<c>count</c>); <see cref="Depth"/> is then unused.</summary>
    static abstract bool DepthIsBatch { get; }

    /// <summary>K, when it is a constant.</summary>
    static abstract int Depth { get; }

    /// <summary>N: the columns of B and C.</summary>
    static abstract int Columns { get; }

    /// <summary>How far apart in <c>a</c> two rows of A are.</summary>
    static abstract int ARowStride { get; }

    /// <summary>How far apart in <c>a</c> two steps of k are.</summary>
    static abstract int ADepthStride { get; }

    /// <summary>Whether each result starts from <c>bias[n]</c> rather than 0.</summary>
    static abstract bool HasBias { get; }

    /// <summary>
    /// True for the product a frozen network runs too (the dense forward, whose B is the weights): it may be given
    /// B's whole column panels packed once (<see cref="PackedPanels.Pack"/>) instead of copying them on every call.
    /// Only for a constant depth.
    /// </summary>
    static abstract bool Freezable { get; }

    /// <summary>
    /// True when <c>b</c> holds Bᵀ, row-major (N × K): the input gradient δ·Wᵀ reads W as it is, and its panels are
    /// copied out of it transposed (<see cref="PackedPanels.PackTransposed"/>). Only for a constant depth.
    /// </summary>
    static abstract bool TransposedB { get; }

    /// <summary>Applied to each result as it is stored: Linear (nothing), ReLU or LeakyReLU.</summary>
    static abstract Activation Activation { get; }

    /// <summary>LeakyReLU's negative slope.</summary>
    static abstract float LeakySlope { get; }
}
