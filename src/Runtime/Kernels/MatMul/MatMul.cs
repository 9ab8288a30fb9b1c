using System;
using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// A register-blocked SIMD matrix product, written once and compiled by the JIT per product shape
/// (<typeparamref name="TProduct"/>) and vector width (<typeparamref name="TSimd"/>): every extent, stride and block
/// size below is a constant in the machine code, and the branches a shape does not take are gone. It is the
/// algorithm the generator's MatMulEmitter wrote out per layer and width, step for step:
/// <list type="bullet">
/// <item>the rows are walked in blocks that fit L2, each block's columns in panels of two vectors and, inside a
/// panel, the block's rows in tiles of 6 (then 4, 2, 1): the tile's accumulators stay in registers for the whole
/// depth loop, the panel of B (depth × panel width) stays in cache while the block's row tiles read it, and the
/// block's rows of A while every panel passes (<c>MatMul.Panels.cs</c>, <c>MatMul.PanelTile.cs</c>);</item>
/// <item>columns that do not fill a panel are finished with full vectors, 4-wide vectors, then scalars
/// (<c>MatMul.TailTile.cs</c>);</item>
/// <item>a batch of one row (matrix-vector work) keeps eight vectors of accumulators of that row, so the FMA
/// latency is hidden without a second row (<c>MatMul.SingleRow.cs</c>).</item>
/// </list>
/// Every result is <c>bias + Σ_k a·b</c> summed in k order by one multiply-add per term, whichever tile or thread
/// computes it: the split over threads does not change a bit, and neither does the move from generated code.
/// </summary>
/// <remarks>
/// The machine code is only as good as the JIT's inlining of every small member here (a constant's getter, a vector
/// operation), and the JIT stops inlining into a method that has gathered too many locals: it then reported "too many
/// locals" and left even constant getters as calls, which made a tile six times slower. Two things cost locals beyond
/// the members' own: a call result still pending when the next call is read (<c>TProduct.Columns / TSimd.Lanes</c> is
/// two calls; a hundred uses of such a three-call constant in one method were enough to stop inlining), and every
/// <c>?:</c> join. So the tiles read each derived constant as one call of a base constant among literals (the lanes
/// as <c>Unsafe.SizeOf&lt;TVector&gt;() / sizeof(float)</c>, which the JIT reads as a literal, where
/// <see cref="ISimd{TVector}.Lanes"/> is a call), write conditions as statements, and are inlined into methods that
/// each hold one panel's or one row count's tiles (<see cref="PanelRowTiles"/>, <see cref="TailRows{TRows}"/>), marked
/// not to be inlined further: with profile data the JIT would otherwise merge them and run out of its inlining budget.
/// Those methods, and the entry points above them, are also compiled fully optimised on first call
/// (<c>AggressiveOptimization</c>), not first at tier 0: there every vector operation of this generic code is a call,
/// and BenchmarkDotNet's short runs measured a FashionNet training step at 1.33 ms before tier 1 arrived, against 0.82 ms
/// with tiered compilation off, where the generated kernels (intrinsics expanded even at tier 0) had shown no such gap.
/// </remarks>
internal static partial class MatMul<TProduct, TSimd, TVector>
    where TProduct : struct, IMatMulProduct
    where TSimd : struct, ISimd<TVector>
    where TVector : struct
{
    /// <summary>
    /// Share <paramref name="part"/> of <paramref name="parts"/> of the product; the entry point has checked every
    /// extent. <paramref name="packed"/>: for a <see cref="IMatMulProduct.Freezable"/> product, B's panels packed once
    /// in this width's panels (<see cref="PackedPanels.Pack"/>), or a null reference to copy them here; otherwise
    /// unused. <paramref name="bias"/>: a null reference for a product without one.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(ref float a, ref float b, ref float packed, ref float bias, ref float c, nuint count, nuint part, nuint parts)
    {
        if (HasSingleRowPath && count == 1)
        {
            // One sample: matrix-vector work, where a single row needs more accumulators to hide the FMA latency.
            SingleRow(ref a, ref b, ref packed, ref bias, ref c);
            return;
        }

        nuint rowStart = 0, rowEnd, panelStart = 0, panelEnd = Panels;
        bool tail = true;
        if (SplitsByRows)
        {
            // This share: a range of whole row tiles, every column (when A is packed, each thread packs only its own
            // rows of A, the larger operand; otherwise there are too few column panels to share).
            nuint rows = (nuint)TProduct.Rows, tiles = (rows + MatMulBlocking.TileRows - 1) / MatMulBlocking.TileRows;
            rowStart = Math.Min(tiles * part / parts * MatMulBlocking.TileRows, rows);
            rowEnd = Math.Min(tiles * (part + 1) / parts * MatMulBlocking.TileRows, rows);
        }
        else
        {
            // This share: every row of a range of column panels, so that no two threads copy or write the same
            // panel; the last share also takes the columns after the panels. (No divisions without panels: the JIT
            // cannot drop a division it is not sure of, so 0 · part / parts would cost two.)
            rowEnd = TProduct.RowsAreBatch ? count : (nuint)TProduct.Rows;
            if (Panels > 0)
            {
                panelStart = Panels * part / parts;
                panelEnd = Panels * (part + 1) / parts;
            }

            tail = part + 1 == parts;
        }

        if (MainEnd > 0)
        {
            ColumnPanels(ref a, ref b, ref packed, ref bias, ref c, count, rowStart, rowEnd, panelStart, panelEnd);
        }

        if (MainEnd < (nuint)TProduct.Columns && tail)
        {
            // The last columns, too few for a full panel, read from B in place.
            TailRowTiles(ref a, ref b, ref bias, ref c, rowStart, rowEnd, count);
        }
    }

    /// <summary>Columns per panel: <see cref="MatMulBlocking.PanelVectors"/> vectors.</summary>
    private static nuint PanelColumns
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (nuint)(MatMulBlocking.PanelVectors * Unsafe.SizeOf<TVector>() / sizeof(float));
    }

    /// <summary>The end of the last whole column panel.</summary>
    private static nuint MainEnd
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Panels * PanelColumns;
    }

    /// <summary>Whole column panels.</summary>
    private static nuint Panels
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (nuint)TProduct.Columns / PanelColumns;
    }

    /// <summary>
    /// Whether A's depth blocks are copied before the panels read them: when A is read down its columns (consecutive
    /// rows are adjacent, a step of k is a whole row of x away), for a constant number of rows, in the SIMD widths
    /// (the copy moves 4-wide vectors).
    /// </summary>
    private static bool PacksA
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (TProduct.ARowStride == 1) & (TProduct.ADepthStride > 1) & !TProduct.RowsAreBatch & (Unsafe.SizeOf<TVector>() > sizeof(float));
    }

    /// <summary>
    /// Whether a share is a range of row tiles rather than of column panels: for a constant number of rows when there
    /// are too few panels to share, and when A is packed with at least as many rows as columns: split by panels,
    /// every thread would pack all of A; split by rows, each packs its own rows of A and all of B's panels, the
    /// smaller copy. Either split computes every value with the same operations.
    /// </summary>
    private static bool SplitsByRows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => !TProduct.RowsAreBatch & ((Panels < 2) | (PacksA & (TProduct.Rows >= TProduct.Columns)));
    }

    /// <summary>
    /// Whether a batch of one row takes the single-row path: for products over the batch's rows, except a transposed
    /// B, whose panels serve one row as well.
    /// </summary>
    private static bool HasSingleRowPath
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TProduct.RowsAreBatch & !TProduct.TransposedB;
    }

    /// <summary>Whether results pass through a fused activation as they are stored.</summary>
    private static bool Activates
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TProduct.Activation != Activation.Linear;
    }

    /// <summary>The depth of the whole product: the batch size when the depth is the batch, else the constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint DepthOf(nuint count) => TProduct.DepthIsBatch ? count : (nuint)TProduct.Depth;

    /// <summary>
    /// Where results start, for a product with a bias: <paramref name="value"/> becomes the bias vector from column
    /// <paramref name="column"/>; without one it stays as it is (0: the callers start from <c>default</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadBias<TS, TV>(ref float bias, nuint column, ref TV value)
        where TS : struct, ISimd<TV>
        where TV : struct
    {
        if (TProduct.HasBias)
        {
            value = TS.Load(ref bias, column);
        }
    }

    /// <summary><paramref name="value"/> through the product's fused activation, in place (nothing for Linear).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Activate<TS, TV>(ref TV value)
        where TS : struct, ISimd<TV>
        where TV : struct
    {
        if (TProduct.Activation == Activation.ReLU)
        {
            value = TS.ReLU(value);
        }
        else if (TProduct.Activation == Activation.LeakyReLU)
        {
            value = TS.LeakyReLU(value, TProduct.LeakySlope);
        }
    }
}
