namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// A shape-specialised matrix product <c>C[M, N] = bias + Σ_k A(m, k)·B[k, N]</c>, where B and C are row-major
/// and A is read as <c>a[m·ARowStride + k·ADepthStride]</c>, so one kernel shape covers x·W, xᵀ·δ and δ·Wᵀ.
/// Exactly one of <see cref="Rows"/> and <see cref="Depth"/> may be null: that extent is the batch size,
/// passed at run time as <c>count</c>; every other extent is a constant.
/// </summary>
internal sealed record MatMulKernel(
    string Name,
    string Summary,
    int? Rows,
    int? Depth,
    int Columns,
    int ARowStride,
    int ADepthStride,
    bool HasBias)
{
    public string RowsExpression => Rows is int rows ? Literals.Int(rows) : "count";

    public string DepthExpression => Depth is int depth ? Literals.Int(depth) : "count";
}
