using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neuroslyn.Kernels;

internal static partial class MatMul<TProduct, TSimd, TVector>
{
    /// <summary>
    /// The depth of a block of a packed panel: up to 64 KB of panel when the depth is a constant, 16 KB when it is the
    /// batch; when A is packed too, shallower for very tall layers, so that A's packed copy stays within
    /// <see cref="MatMulBlocking.PackedAFloats"/>.
    /// </summary>
    private static nuint BlockDepth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            int panelColumns = (int)PanelColumns;
            int depth = TProduct.DepthIsBatch
                ? MatMulBlocking.BatchDepthPanelFloats / panelColumns
                : Math.Min(TProduct.Depth, MatMulBlocking.ConstantDepthPanelFloats / panelColumns);
            if (PacksA)
            {
                depth = Math.Max(MatMulBlocking.MinPackedADepth, Math.Min(depth, MatMulBlocking.PackedAFloats / PackedARows));
            }

            return (nuint)depth;
        }
    }

    /// <summary>The rows of A's packed copy: the constant rows rounded up to whole groups of <see cref="MatMulBlocking.TileRows"/>.</summary>
    private static int PackedARows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (TProduct.Rows + MatMulBlocking.TileRows - 1) / MatMulBlocking.TileRows * MatMulBlocking.TileRows;
    }

    /// <summary>Rows per row block: <see cref="MatMulBlocking.RowBlockFloats"/> of A at the block depth, whole tiles, at least one.</summary>
    private static nuint RowBlock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (nuint)Math.Max(MatMulBlocking.TileRows, MatMulBlocking.RowBlockFloats / (int)BlockDepth / MatMulBlocking.TileRows * MatMulBlocking.TileRows);
    }

    /// <summary>
    /// The column panels [<paramref name="panelStart"/>, <paramref name="panelEnd"/>) over rows [<paramref name="rowStart"/>,
    /// <paramref name="rowEnd"/>), in depth blocks, and inside a depth block in row blocks of <see cref="RowBlock"/> rows:
    /// every panel of a row block before the next row block, so that the block's rows of A stay in L2 while all the
    /// panels stream past them (without row blocks, the whole of a large A streams from L3 once per panel). Each depth
    /// block of a panel of B is copied, when the first row block reaches it, into contiguous per-thread memory
    /// (<see cref="KernelScratch"/>), one place per panel, and the later row blocks read the copy; B's own rows may be
    /// a power of two apart, which maps them all to a few cache sets. Partial sums wait in C between depth blocks.
    /// When A is read down its columns (<see cref="PacksA"/>), each depth block of A is copied too, before the panels,
    /// so that a tile's values for one step of k sit together instead of a whole row of x apart. A
    /// <see cref="IMatMulProduct.Freezable"/> product reads B's blocks where a frozen network packed them, when it has.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ColumnPanels(
        ref float a, ref float b, ref float packed, ref float bias, ref float c, nuint count,
        nuint rowStart, nuint rowEnd, nuint panelStart, nuint panelEnd)
    {
        nuint panelColumns = PanelColumns, depthTotal = DepthOf(count), blockDepth = BlockDepth;
        nuint panelFloats = blockDepth * panelColumns, rowBlock = RowBlock;

        // A last row block of less than half of a row block joins the one before it; with one row block, every panel
        // block is copied to the same place, still in cache when the tiles read it.
        nuint lastBlockBelow = rowBlock + (rowBlock / 2);
        bool oneRowBlock = rowEnd - rowStart < lastBlockBelow;
        nuint panelSlot = oneRowBlock ? 0 : panelFloats;
        int panelCopies = (int)((oneRowBlock ? 1 : panelEnd - panelStart) * panelFloats);

        // A frozen network passes the panels packed once; otherwise each block is copied to per-thread memory here.
        // A's packed block goes first: its size is a constant, the panels' copies follow it.
        bool prepacked = TProduct.Freezable && !Unsafe.IsNullRef(ref packed);
        ref float pa = ref Unsafe.NullRef<float>();
        ref float copies = ref Unsafe.NullRef<float>();
        if (PacksA)
        {
            int packedAFloats = PackedARows * (int)blockDepth;
            pa = ref KernelScratch.Get(packedAFloats + panelCopies);
            copies = ref Unsafe.Add(ref pa, packedAFloats);
        }
        else if (!prepacked)
        {
            copies = ref KernelScratch.Get(panelCopies);
        }

        ref float tileA = ref PacksA ? ref pa : ref a;
        for (nuint k0 = 0; k0 < depthTotal; k0 += blockDepth)
        {
            nuint depth = Math.Min(blockDepth, depthTotal - k0);
            if (PacksA)
            {
                PackA(ref a, ref pa, rowStart, rowEnd, k0, depth);
            }

            for (nuint r0 = rowStart, blockEnd; r0 < rowEnd; r0 = blockEnd)
            {
                blockEnd = rowEnd - r0 < lastBlockBelow ? rowEnd : r0 + rowBlock;
                for (nuint j = panelStart * panelColumns; j < panelEnd * panelColumns; j += panelColumns)
                {
                    // Prepacked: panel j / width as PackedPanels.Pack laid it out, from row k0.
                    ref float p = ref prepacked
                        ? ref Unsafe.Add(ref packed, (j * (nuint)TProduct.Depth) + (k0 * panelColumns))
                        : ref Unsafe.Add(ref copies, ((j / panelColumns) - panelStart) * panelSlot);
                    if (!prepacked && r0 == rowStart)
                    {
                        PackPanel(ref b, ref p, ref copies, j, k0, depth, panelStart, panelEnd, panelSlot, oneRowBlock);
                    }

                    // The fused activation waits for the last depth block.
                    PanelRowTiles(ref tileA, ref p, ref bias, ref c, r0, blockEnd, rowStart, j, k0, depth, k0 + depth == depthTotal);
                }
            }
        }
    }

    /// <summary>
    /// The first row block's copy of depth block <paramref name="k0"/> of B's panels. With one row block, panel
    /// <paramref name="j"/>'s block goes to <paramref name="p"/> just before its tiles read it. With several, every panel
    /// has its own place, and the first panel of each group of <see cref="MatMulBlocking.PackGroupPanels"/> copies the
    /// group's blocks at once, B's rows in order: a row's runs for all the group's panels are adjacent, where panel by
    /// panel each run is a row of B apart, a cache miss each (a 1024 × 1024 matrix from memory packed in 0.64-0.70 ms
    /// that way, 0.87-0.93 ms panel by panel). A transposed B's panels stream already.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackPanel(
        ref float b, ref float p, ref float copies, nuint j, nuint k0, nuint depth,
        nuint panelStart, nuint panelEnd, nuint panelSlot, bool oneRowBlock)
    {
        nuint panelColumns = PanelColumns;
        if (TProduct.TransposedB)
        {
            PackedPanels.PackTransposed(ref b, (nuint)TProduct.Depth, j, k0, depth, panelColumns, ref p);
        }
        else if (oneRowBlock)
        {
            for (nuint k = 0; k < depth; k++)
            {
                CopyPanelRow(ref b, k0 + k, j, ref p, k * panelColumns);
            }
        }
        else if (((j / panelColumns) - panelStart) % MatMulBlocking.PackGroupPanels == 0)
        {
            nuint groupEnd = Math.Min(j + (MatMulBlocking.PackGroupPanels * panelColumns), panelEnd * panelColumns);
            for (nuint k = 0; k < depth; k++)
            {
                for (nuint q = j; q < groupEnd; q += panelColumns)
                {
                    ref float to = ref Unsafe.Add(ref copies, (((q / panelColumns) - panelStart) * panelSlot) + (k * panelColumns));
                    CopyPanelRow(ref b, k0 + k, q, ref to, 0);
                }
            }
        }
    }

    /// <summary>Copies row <paramref name="row"/> of B's panel at <paramref name="column"/> (its two vectors) to <c>to[index]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPanelRow(ref float b, nuint row, nuint column, ref float to, nuint index)
    {
        nuint from = (row * (nuint)TProduct.Columns) + column, lanes = (nuint)TSimd.Lanes;
        TSimd.Store(TSimd.Load(ref b, from), ref to, index);
        TSimd.Store(TSimd.Load(ref b, from + lanes), ref to, index + lanes);
    }

    /// <summary>
    /// Copies depth block <paramref name="k0"/> of this share's rows of A to <paramref name="pa"/>: groups of
    /// <see cref="MatMulBlocking.TileRows"/> rows, each step of k as that many adjacent values (the last group may be
    /// partial; its unused places are never read). It walks A's rows in order, one step of k at a time across every
    /// group, so that A is read as a stream (group by group, each read would be a row of A apart: a cache miss each,
    /// and a page each for wide layers). A full group is two overlapping 4-wide copies, which read exactly its six values.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void PackA(ref float a, ref float pa, nuint rowStart, nuint rowEnd, nuint k0, nuint depth)
    {
        const nuint group = MatMulBlocking.TileRows;
        nuint rows = rowEnd - rowStart, fullGroups = rows / group * group;
        for (nuint k = 0; k < depth; k++)
        {
            nuint from = rowStart + ((k0 + k) * (nuint)TProduct.ADepthStride);
            ref float step = ref Unsafe.Add(ref pa, k * group);
            for (nuint g = 0; g < fullGroups; g += group)
            {
                Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref a, from + g), ref step, g * depth);
                Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref a, from + g + (group - 4)), ref step, (g * depth) + (group - 4));
            }

            for (nuint i = fullGroups; i < rows; i++)
            {
                Unsafe.Add(ref step, (fullGroups * depth) + (i - fullGroups)) = Unsafe.Add(ref a, from + i);
            }
        }
    }

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="end"/>) of the panel at column <paramref name="j"/>: tiles of
    /// <see cref="MatMulBlocking.TileRows"/>, then 4, 2 and 1 rows. When A is read in place, eight last rows run as two
    /// tiles of 4 rather than one of 6 and one of 2 (at a batch of 32, 6 + 6 + 6 + 6 + 4 + 4 rows instead of 6 × 5 + 2):
    /// a tile of 2 rows has 4 accumulators against 12, and took three quarters of a 6-row tile's time. A packed A keeps
    /// its groups of 6 rows, which a tile must not straddle, so there the 6 + 2 stays.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void PanelRowTiles(
        ref float a, ref float p, ref float bias, ref float c, nuint start, nuint end, nuint rowStart,
        nuint j, nuint k0, nuint depth, bool last)
    {
        nuint r = PanelRows<SixRows>(ref a, ref p, ref bias, ref c, start, end, rowStart, j, k0, depth, last);
        if (r + 4 <= end)
        {
            r = PanelRows<FourRows>(ref a, ref p, ref bias, ref c, r, end, rowStart, j, k0, depth, last);
        }

        if (r + 2 <= end)
        {
            r = PanelRows<TwoRows>(ref a, ref p, ref bias, ref c, r, end, rowStart, j, k0, depth, last);
        }

        if (r < end)
        {
            PanelRows<OneRow>(ref a, ref p, ref bias, ref c, r, end, rowStart, j, k0, depth, last);
        }
    }

    /// <summary>
    /// The tiles of <typeparamref name="TRows"/> rows of <see cref="PanelRowTiles"/> from row <paramref name="r"/>, and the
    /// row after them: as many as fit for 6 rows (leaving eight last rows to two tiles of 4 when A is read in place) and
    /// for 4 rows when A is read in place, one for the others.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint PanelRows<TRows>(
        ref float a, ref float p, ref float bias, ref float c, nuint r, nuint end, nuint rowStart,
        nuint j, nuint k0, nuint depth, bool last)
        where TRows : struct, ITileRows
    {
        nuint rows = (nuint)TRows.Value;
        bool packsA = PacksA;
        bool repeats = TRows.Value == MatMulBlocking.TileRows || (TRows.Value == 4 && !packsA);
        bool leavesEight = TRows.Value == MatMulBlocking.TileRows && !packsA;
        nuint depthStride = packsA ? MatMulBlocking.TileRows : (nuint)TProduct.ADepthStride;
        while (r + rows <= end && !(leavesEight && end - r == 8))
        {
            PanelTile<TRows>(ref a, PanelAIndex(r, rowStart, k0, depth, packsA), depthStride, ref p, ref bias, ref c, r, j, k0, depth, last);
            r += rows;
            if (!repeats)
            {
                break;
            }
        }

        return r;
    }

    /// <summary>
    /// Where row <paramref name="r"/>'s first value in depth block <paramref name="k0"/> is: in A's
    /// packed copy, its group's start plus its place in the group; in A itself, <c>r·ARowStride + k0·ADepthStride</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint PanelAIndex(nuint r, nuint rowStart, nuint k0, nuint depth, bool packsA)
    {
        const nuint group = MatMulBlocking.TileRows;
        return packsA
            ? ((r - rowStart) / group * group * depth) + ((r - rowStart) % group)
            : (r * (nuint)TProduct.ARowStride) + (k0 * (nuint)TProduct.ADepthStride);
    }
}
