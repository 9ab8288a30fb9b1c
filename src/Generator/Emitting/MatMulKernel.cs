using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// A shape-specialised matrix product <c>C[M, N] = act(bias + Σ_k A(m, k)·B[k, N])</c>, where B and C are
/// row-major and A is read as <c>a[m·ARowStride + k·ADepthStride]</c>, so one kernel shape covers x·W, xᵀ·δ and
/// δ·Wᵀ. Exactly one of <see cref="Rows"/> and <see cref="Depth"/> may be null: that extent is the batch size,
/// passed at run time as <c>count</c>; every other extent is a constant.
/// </summary>
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
    ActivationKind Activation = ActivationKind.Linear,
    float LeakySlope = 0f)
{
    public string RowsExpression => Rows is int rows ? Literals.Int(rows) : "count";

    public string DepthExpression => Depth is int depth ? Literals.Int(depth) : "count";

    /// <summary>The name of the method that computes one share of the product, dispatching on the vector width.</summary>
    public string ShareMethod => Name + "Share";

    /// <summary>The static field holding <see cref="ShareMethod"/> as a delegate for the worker threads.</summary>
    public string ShareDelegate => "s_" + char.ToLowerInvariant(Name[0]) + Name.Substring(1) + "Share";

    /// <summary>
    /// Element-wise activations that cost one instruction per vector, with results bit-identical to the runtime's
    /// in-place kernels, are applied in the kernel's store rather than in a second pass over the output.
    /// </summary>
    public static bool CanFuse(ActivationKind activation) => activation is ActivationKind.ReLU or ActivationKind.LeakyReLU;
}
