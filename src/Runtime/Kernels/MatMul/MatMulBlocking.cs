namespace Neuroslyn.Kernels;

/// <summary>
/// The tile and block sizes of the matrix products (<see cref="MatMul{TProduct, TSimd, TVector}"/>): the values the
/// generator's MatMulEmitter used, each measured on the products it names.
/// </summary>
internal static class MatMulBlocking
{
    /// <summary>Rows per tile in the main loop: 6 × 2 accumulators, 2 B vectors and a broadcast fit 16 registers.</summary>
    public const int TileRows = 6;

    /// <summary>Vectors per column panel.</summary>
    public const int PanelVectors = 2;

    /// <summary>
    /// Floats of the packed copy of a panel's depth block when the depth is the batch size: 16 KB, half of L1,
    /// whatever the width (the weight gradient, whose A is packed too; measured best at this size).
    /// </summary>
    public const int BatchDepthPanelFloats = 4096;

    /// <summary>
    /// The most floats of a packed panel when the depth is a constant: 64 KB, so that up to 1024 inputs (with 256-bit
    /// vectors) are one block, and each result is stored once, activated, instead of being stored and reloaded
    /// between blocks (a 1024-input layer at batch 256 ran 10% faster that way; the panel then streams from L2).
    /// </summary>
    public const int ConstantDepthPanelFloats = 16384;

    /// <summary>The most floats of A's packed depth block (4 MB): a 1024-row weight gradient keeps blocks of 256.</summary>
    public const int PackedAFloats = 1 << 20;

    /// <summary>
    /// The floats of A that a row block reads (192 KB, under half of a 512 KB L2): 48 rows of a 1024-deep block. A
    /// 256 × 1024 × 1024 product ran 3-10% faster in row blocks of 48 than over all 256 rows at once, and 96 was no better.
    /// </summary>
    public const int RowBlockFloats = 49152;

    /// <summary>The shallowest block A's packing may take, however tall the layer.</summary>
    public const int MinPackedADepth = 8;

    /// <summary>Panels whose blocks the first row block copies together (8 × 64 bytes of each row of B with 256-bit vectors).</summary>
    public const int PackGroupPanels = 8;

    /// <summary>Vectors of one row that the single-row path accumulates at once.</summary>
    public const int SingleRowVectors = 8;
}
