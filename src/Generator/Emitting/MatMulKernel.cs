using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// A shape-specialised matrix product <c>C[M, N] = act(bias + Σ_k A(m, k)·B[k, N])</c>, where B and C are
/// row-major and A is read as <c>a[m·ARowStride + k·ADepthStride]</c>, so one kernel shape covers x·W, xᵀ·δ and
/// δ·Wᵀ. Exactly one of <see cref="Rows"/> and <see cref="Depth"/> may be null: that extent is the batch size,
/// passed at run time as <c>count</c>; every other extent is a constant.
/// </summary>
/// <param name="Freezable">
/// True for a product a frozen network runs too (the dense forward, whose B is the weights): its variants take
/// <c>packed</c>, either B's whole column panels packed once (<c>PackedPanels.Pack</c>, in the variant's panel width),
/// or a null reference, and then copy each panel block out of B on every call as usual. <see cref="FrozenEntry"/>
/// passes the packed panels, <see cref="Name"/> and the worker threads a null reference. Only for a constant
/// <see cref="Depth"/>.
/// </param>
/// <param name="TransposedB">
/// True when <c>b</c> holds Bᵀ, row-major (<see cref="Columns"/> × <see cref="Depth"/>): the input gradient
/// <c>δ·Wᵀ</c> reads the weights W as they are, and its panels are copied out of them transposed
/// (<c>PackedPanels.PackTransposed</c>) instead of out of a transposed copy made first. Only for a constant
/// <see cref="Depth"/>; such a product has no single-row path (its panels serve one row as well).
/// </param>
/// <param name="Activation">
/// Applied to each result as it is stored; only <see cref="ActivationKind.ReLU"/>, <see cref="ActivationKind.LeakyReLU"/>
/// and <see cref="ActivationKind.Linear"/> (nothing) are fused, see <see cref="CanFuse"/>.
/// </param>
internal sealed record MatMulKernel(
    string Name,
    string Summary,
    int? Rows,
    int? Depth,
    int Columns,
    int ARowStride,
    int ADepthStride,
    bool HasBias,
    bool Freezable = false,
    bool TransposedB = false,
    ActivationKind Activation = ActivationKind.Linear,
    float LeakySlope = 0f)
{
    public string RowsExpression => Rows is int rows ? Literals.Int(rows) : "count";

    public string DepthExpression => Depth is int depth ? Literals.Int(depth) : "count";

    /// <summary>The name of the method that computes one share of the product, dispatching on the vector width.</summary>
    public string ShareMethod => Name + "Share";

    /// <summary>The entry point of a <see cref="Freezable"/> product that reads B's panels packed once.</summary>
    public string FrozenEntry => Name + "Frozen";

    /// <summary>The method that packs B for <see cref="FrozenEntry"/>, in the panel width its variant will read.</summary>
    public string PackMethod => Name + "Pack";

    /// <summary>The static field holding <see cref="ShareMethod"/> as a delegate for the worker threads.</summary>
    public string ShareDelegate => "s_" + char.ToLowerInvariant(Name[0]) + Name.Substring(1) + "Share";

    /// <summary>
    /// Element-wise activations that cost one instruction per vector, with results bit-identical to the runtime's
    /// in-place kernels, are applied in the kernel's store rather than in a second pass over the output.
    /// </summary>
    public static bool CanFuse(ActivationKind activation) => activation is ActivationKind.ReLU or ActivationKind.LeakyReLU;
}
