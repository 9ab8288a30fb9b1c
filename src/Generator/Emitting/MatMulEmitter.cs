using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// Writes a <see cref="MatMulKernel"/> as register-blocked SIMD code, in four parts:
/// <list type="bullet">
/// <item>an entry point that checks every extent once, then runs the product on this thread or shares it out over
/// worker threads (<c>KernelThreads</c>);</item>
/// <item>a share method that dispatches one share of the product (column panels or row tiles) on the widest
/// accelerated vector width (the JIT keeps one branch), and the static delegate the worker threads call it through;</item>
/// <item>one method per width. It walks the rows in blocks that fit L2, each block's columns in panels of
/// <see cref="PanelVectors"/> vectors and, inside a panel, the block's rows in tiles of <see cref="TileRows"/> (then
/// 4, 2, 1): the tile's accumulators stay in registers for the whole depth loop, the panel of B (depth × panel
/// width) stays in cache while the block's row tiles read it, and the block's rows of A while every panel passes.
/// Columns that do not fill a panel are finished with full vectors, 4-wide vectors, then scalars, all unrolled
/// from the constant shape: loops never unroll a whole layer;</item>
/// <item>for a batch of one row (matrix-vector work), a path that keeps <see cref="SingleRowVectors"/>
/// accumulators of one row, so the FMA latency is hidden without a second row.</item>
/// </list>
/// Every result is <c>bias + Σ_k a·b</c> summed in k order by one multiply-add per term, whichever tile or thread
/// computes it: the split over threads does not change a bit.
/// </summary>
internal static class MatMulEmitter
{
    /// <summary>Rows per tile in the main loop: 6 × 2 accumulators, 2 B vectors and a broadcast fit 16 registers.</summary>
    public const int TileRows = 6;

    /// <summary>Vectors per column panel.</summary>
    private const int PanelVectors = 2;

    /// <summary>
    /// Floats of the packed copy of a panel's depth block when the depth is the batch size: 16 KB, half of L1,
    /// whatever the width (the weight gradient, whose A is packed too; measured best at this size).
    /// </summary>
    private const int BatchDepthPanelFloats = 4096;

    /// <summary>
    /// The most floats of a packed panel when the depth is a constant: 64 KB, so that up to 1024 inputs (with 256-bit
    /// vectors) are one block, and each result is stored once, activated, instead of being stored and reloaded
    /// between blocks (a 1024-input layer at batch 256 ran 10% faster that way; the panel then streams from L2).
    /// </summary>
    private const int ConstantDepthPanelFloats = 16384;

    /// <summary>The most floats of A's packed depth block (4 MB): a 1024-row weight gradient keeps blocks of 256.</summary>
    private const int PackedAFloats = 1 << 20;

    /// <summary>
    /// The floats of A that a row block reads (192 KB, under half of a 512 KB L2): 48 rows of a 1024-deep block. A
    /// 256 × 1024 × 1024 product ran 3-10% faster in row blocks of 48 than over all 256 rows at once, and 96 was no better.
    /// </summary>
    private const int RowBlockFloats = 49152;

    /// <summary>The shallowest block A's packing may take, however tall the layer.</summary>
    private const int MinPackedADepth = 8;

    /// <summary>Panels whose blocks the first row block copies together (8 × 64 bytes of each row of B with 256-bit vectors).</summary>
    private const int PackGroupPanels = 8;

    /// <summary>Vectors of one row that the single-row path accumulates at once.</summary>
    private const int SingleRowVectors = 8;

    /// <summary>Tiles for the rows left after the main loop (0 to 5 of them, or 8 as two tiles of 4; see <see cref="EmitRowTiles"/>): 4, then 2, then 1.</summary>
    private static readonly int[] LeftoverTiles = [4, 2, 1];

    public static void Emit(SourceWriter writer, MatMulKernel kernel)
    {
        EmitEntry(writer, kernel);
        writer.Line();
        if (kernel.Freezable)
        {
            EmitFrozenEntry(writer, kernel);
            writer.Line();
            EmitPackMethod(writer, kernel);
            writer.Line();
        }

        EmitShareMethod(writer, kernel);
        foreach (VectorWidth width in VectorWidth.All)
        {
            writer.Line();
            EmitVariant(writer, kernel, width);
        }
    }

    /// <summary>The members <see cref="Emit"/> writes for <paramref name="kernel"/>.</summary>
    public static IEnumerable<string> MemberNames(MatMulKernel kernel)
    {
        IEnumerable<string> names = VectorWidth.All.Select(width => kernel.Name + width.Suffix).Prepend(kernel.ShareDelegate).Prepend(kernel.ShareMethod).Prepend(kernel.Name);
        return kernel.Freezable ? names.Append(kernel.FrozenEntry).Append(kernel.PackMethod) : names;
    }

    private static void EmitEntry(SourceWriter writer, MatMulKernel kernel)
    {
        string biasParameter = kernel.HasBias ? $"{Literals.ReadOnlySpan} bias, " : string.Empty;
        writer.Line($"/// <summary>{kernel.Summary}</summary>");
        writer.Line("/// <param name=\"a\">The left operand.</param>");
        writer.Line("/// <param name=\"b\">The right operand.</param>");
        if (kernel.HasBias)
        {
            writer.Line("/// <param name=\"bias\">The bias, added to every row.</param>");
        }

        writer.Line("/// <param name=\"c\">The result.</param>");
        writer.Line("/// <param name=\"count\">The batch size.</param>");
        writer.Line("/// <param name=\"threads\">Threads to split the rows over; 1 runs them all on the calling thread.</param>");
        using (writer.Block($"private static void {kernel.Name}({Literals.ReadOnlySpan} a, {Literals.ReadOnlySpan} b, {biasParameter}{Literals.Span} c, int count, int threads)"))
        {
            writer.Line("// The variants read and write through references: every extent is checked here, once.");
            EmitExtentCheck(writer, kernel, kernel.Name, packed: false);
            writer.Line();
            string bias = kernel.HasBias ? "bias" : "default";
            if (CanSplit(kernel))
            {
                string enough = kernel.Rows is null ? " && count > 1" : string.Empty;
                using (writer.Block($"if (threads > 1{enough})"))
                {
                    writer.Line($"{Literals.Kernels}.KernelThreads.MatMul({kernel.ShareDelegate}, a, b, {bias}, c, count, threads);");
                    writer.Line("return;");
                }

                writer.Line();
            }
            else
            {
                writer.Line("// threads is not used: the product has too few column panels or row tiles to share.");
            }

            string biasReference = kernel.HasBias
                ? $"ref {Literals.MemoryMarshal}.GetReference(bias)"
                : $"ref {Literals.Unsafe}.NullRef<float>()";
            writer.Line($"{kernel.ShareMethod}(ref {Literals.MemoryMarshal}.GetReference(a), ref {Literals.MemoryMarshal}.GetReference(b), {biasReference}, ref {Literals.MemoryMarshal}.GetReference(c), (nuint)count, 0, 1);");
        }
    }

    private static void EmitShareMethod(SourceWriter writer, MatMulKernel kernel)
    {
        writer.Line($"/// <summary>The worker threads' handle on <see cref=\"{kernel.ShareMethod}\"/>.</summary>");
        writer.Line($"private static readonly {Literals.Kernels}.MatMulShare {kernel.ShareDelegate} = {kernel.ShareMethod};");
        writer.Line();
        string unusedBias = kernel.HasBias ? string.Empty : " (unused: the layer has no bias)";
        writer.Line($"/// <summary>Share <paramref name=\"part\"/> of <paramref name=\"parts\"/> of {kernel.Name}, with the widest accelerated vectors; <paramref name=\"bias\"/>{unusedBias}.</summary>");
        using (writer.Block($"private static void {kernel.ShareMethod}(ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts)"))
        {
            string packed = kernel.Freezable ? $"ref {Literals.Unsafe}.NullRef<float>(), " : string.Empty;
            EmitWidthDispatch(writer, width => $"{kernel.Name}{width.Suffix}(ref a, ref b, {packed}ref bias, ref c, count, part, parts);");
        }
    }

    /// <summary>
    /// The entry point a frozen network calls: the product on the calling thread, reading B's column panels from
    /// <c>packed</c>, where <see cref="EmitPackMethod"/> put them (B itself is still read for the columns after the
    /// last panel, and by the single-row path).
    /// </summary>
    private static void EmitFrozenEntry(SourceWriter writer, MatMulKernel kernel)
    {
        string biasParameter = kernel.HasBias ? $"{Literals.ReadOnlySpan} bias, " : string.Empty;
        writer.Line($"/// <summary>{kernel.Summary} For a frozen network: B's column panels come packed (<see cref=\"{kernel.PackMethod}\"/>).</summary>");
        using (writer.Block($"private static void {kernel.FrozenEntry}({Literals.ReadOnlySpan} a, {Literals.ReadOnlySpan} b, {Literals.ReadOnlySpan} packed, {biasParameter}{Literals.Span} c, int count)"))
        {
            EmitExtentCheck(writer, kernel, kernel.FrozenEntry, packed: true);
            writer.Line();
            string Reference(string span) => $"ref {Literals.MemoryMarshal}.GetReference({span})";
            string bias = kernel.HasBias ? Reference("bias") : $"ref {Literals.Unsafe}.NullRef<float>()";
            EmitWidthDispatch(writer, width => $"{kernel.Name}{width.Suffix}({Reference("a")}, {Reference("b")}, {Reference("packed")}, {bias}, {Reference("c")}, (nuint)count, 0, 1);");
        }
    }

    /// <summary>
    /// The entry points' one check of every extent (with <paramref name="packed"/>, of the packed panels too), naming
    /// <paramref name="entry"/> in its message: the variants behind it read and write through references.
    /// </summary>
    private static void EmitExtentCheck(SourceWriter writer, MatMulKernel kernel, string entry, bool packed)
    {
        string m = kernel.RowsExpression, k = kernel.DepthExpression, n = Literals.Int(kernel.Columns);
        string packedCheck = packed ? $" || packed.Length < {k} * {n}" : string.Empty;
        string biasCheck = kernel.HasBias ? $" || bias.Length < {n}" : string.Empty;
        using (writer.Block($"if (count < 0 || a.Length < {m} * {k} || b.Length < {k} * {n}{packedCheck} || c.Length < {m} * {n}{biasCheck})"))
        {
            writer.Line($"throw new global::System.ArgumentException(\"{entry}: a span is shorter than the layer's shape requires.\");");
        }
    }

    /// <summary>
    /// The method a frozen network packs B with, once: B's whole column panels in the panel width of the variant that
    /// <see cref="EmitFrozenEntry"/> will pick, so it dispatches on the same widths in the same order.
    /// </summary>
    private static void EmitPackMethod(SourceWriter writer, MatMulKernel kernel)
    {
        string k = kernel.DepthExpression, n = Literals.Int(kernel.Columns);
        writer.Line($"/// <summary>Packs B for <see cref=\"{kernel.FrozenEntry}\"/>: its column panels in the panel width of the widest accelerated vectors.</summary>");
        using (writer.Block($"private static void {kernel.PackMethod}({Literals.ReadOnlySpan} b, {Literals.Span} packed)"))
        {
            EmitWidthDispatch(writer, width => $"{Literals.Kernels}.PackedPanels.Pack(b, {k}, {n}, {PanelVectors * width.Lanes}, packed);");
        }
    }

    /// <summary>
    /// <c>if (Vector512.IsHardwareAccelerated) ... else if ... else</c>: the statement for the widest accelerated
    /// width, the scalar one last. The JIT keeps one branch.
    /// </summary>
    private static void EmitWidthDispatch(SourceWriter writer, System.Func<VectorWidth, string> statement)
    {
        for (int i = 0; i < VectorWidth.All.Length; i++)
        {
            VectorWidth width = VectorWidth.All[i];
            string condition = width.IsScalar ? "else" : $"{(i == 0 ? "if" : "else if")} ({width.Api}.IsHardwareAccelerated)";
            writer.Line(condition);
            writer.Line("{");
            writer.Line($"    {statement(width)}");
            writer.Line("}");
        }
    }

    private static void EmitVariant(SourceWriter writer, MatMulKernel kernel, VectorWidth width)
    {
        string what = width.IsScalar ? "in scalar code, for processors without SIMD" : $"with {width.Suffix} vectors ({width.Lanes} floats each)";
        string packedDoc = kernel.Freezable ? " <paramref name=\"packed\"/>: B's panels packed once, or a null reference to copy them here." : string.Empty;
        writer.Line($"/// <summary>Share <paramref name=\"part\"/> of <paramref name=\"parts\"/> of {kernel.Name} {what}; the entry point has checked every extent.{packedDoc}</summary>");
        string packed = kernel.Freezable ? "ref float packed, " : string.Empty;
        using (writer.Block($"private static void {kernel.Name}{width.Suffix}(ref float a, ref float b, {packed}ref float bias, ref float c, nuint count, nuint part, nuint parts)"))
        {
            int panelColumns = PanelVectors * width.Lanes;
            int mainEnd = kernel.Columns / panelColumns * panelColumns;
            int panels = mainEnd / panelColumns;
            if (kernel.Rows is null && !kernel.TransposedB)
            {
                using (writer.Block("if (count == 1)"))
                {
                    writer.Line("// One sample: matrix-vector work, where a single row needs more accumulators to hide the FMA latency.");
                    writer.Line("nuint r = 0;");
                    if (kernel.Freezable)
                    {
                        using (writer.Block($"if (!{Literals.Unsafe}.IsNullRef(ref packed))"))
                        {
                            writer.Line($"// A frozen network's panels: a tile reads {SingleRowVectors / PanelVectors} of them, each a sequential stream, where rows of B");
                            writer.Line("// would be read a tile's width at a time, a row apart.");
                            EmitSingleRow(writer, kernel, width, fromPanels: true);
                            writer.Line("return;");
                        }

                        writer.Line();
                    }

                    EmitSingleRow(writer, kernel, width, fromPanels: false);
                    writer.Line("return;");
                }

                writer.Line();
            }

            if (!SplitsByRows(kernel, width, panels))
            {
                writer.Line("// This share: every row of a range of column panels, so that no two threads copy or write the same panel;");
                writer.Line("// the last share also takes the columns after the panels.");
                writer.Line($"nuint rowStart = 0, rowEnd = {kernel.RowsExpression};");
                if (mainEnd > 0)
                {
                    writer.Line($"nuint panelStart = {panels} * part / parts, panelEnd = {panels} * (part + 1) / parts;");
                }

                if (mainEnd < kernel.Columns)
                {
                    writer.Line("bool tail = part + 1 == parts;");
                }
            }
            else
            {
                string why = panels >= 2 ? "each thread packs only its own rows of A, the larger operand" : "there are too few column panels to share";
                writer.Line($"// This share: a range of whole row tiles, every column ({why}).");
                int rows = kernel.Rows!.Value;
                int tiles = (rows + TileRows - 1) / TileRows;
                writer.Line($"nuint rowStart = global::System.Math.Min({tiles} * part / parts * {TileRows}, {rows}), rowEnd = global::System.Math.Min({tiles} * (part + 1) / parts * {TileRows}, {rows});");
                if (mainEnd > 0)
                {
                    writer.Line($"nuint panelStart = 0, panelEnd = {panels};");
                }

                if (mainEnd < kernel.Columns)
                {
                    writer.Line("bool tail = true;");
                }
            }

            writer.Line();
            if (mainEnd > 0)
            {
                EmitPanels(writer, kernel, width, panelColumns);
            }

            List<Accumulator> rest = LeftoverAccumulators(width, kernel.Columns - mainEnd);
            if (rest.Count > 0)
            {
                writer.Line($"// Columns {mainEnd}..{kernel.Columns - 1}: the last ones, too few for a full panel, read from B in place.");
                using (writer.Block("if (tail)"))
                {
                    EmitRowTiles(writer, kernel, new TileSource(null, mainEnd, Packed: false, 0), rest);
                }
            }
        }
    }

    /// <summary>
    /// The column panels of this share, in depth blocks, and inside a depth block in row blocks of
    /// <see cref="RowBlockFloats"/> worth of A: every panel of a row block before the next row block, so that the
    /// block's rows of A stay in L2 while all the panels stream past them (without row blocks, the whole of a large A
    /// streams from L3 once per panel). Each depth block of a panel of B is copied, when the first row block reaches it,
    /// into contiguous per-thread memory (<c>KernelScratch</c>), one place per panel, and the later row blocks read the
    /// copy; B's own rows may be a power of two apart, which maps them all to a few cache sets. Partial sums wait in C
    /// between depth blocks. When A is read down its columns (the weight gradient, <c>xᵀ·δ</c>), each depth block of A
    /// is copied too, before the panels, so that a tile's values for one step of k sit together instead of a whole row
    /// of x apart. A <see cref="MatMulKernel.Freezable"/> product reads B's blocks where a frozen network packed them,
    /// when it has.
    /// </summary>
    private static void EmitPanels(SourceWriter writer, MatMulKernel kernel, VectorWidth width, int panelColumns)
    {
        bool packsA = PacksA(kernel, width);
        int rowsRounded = packsA ? ((int)kernel.Rows! + TileRows - 1) / TileRows * TileRows : 0;
        int blockDepth = kernel.Depth is int constantDepth
            ? System.Math.Min(constantDepth, ConstantDepthPanelFloats / panelColumns)
            : BatchDepthPanelFloats / panelColumns;
        if (packsA)
        {
            // Very tall layers take shallower blocks, so that A's packed copy stays within PackedAFloats.
            blockDepth = System.Math.Max(MinPackedADepth, System.Math.Min(blockDepth, PackedAFloats / rowsRounded));
        }

        int panelFloats = blockDepth * panelColumns;
        int rowBlock = System.Math.Max(TileRows, RowBlockFloats / blockDepth / TileRows * TileRows);
        string lastBlockBelow = Literals.Int(rowBlock + (rowBlock / 2));
        var panel = Enumerable.Range(0, PanelVectors).Select(v => new Accumulator(width, v * width.Lanes)).ToList();
        var tileSource = new TileSource("j", 0, Packed: true, panelColumns, packsA);
        writer.Line($"// Column panels of {panelColumns}, in depth blocks of up to {blockDepth}{(packsA ? " (A's depth block is packed first)" : string.Empty)} and row blocks of {rowBlock}.");
        writer.Line($"// A last row block of less than half of {rowBlock} joins the one before it; with one row block, every panel block is");
        writer.Line("// copied to the same place, still in cache when the tiles read it.");
        writer.Line($"bool oneRowBlock = rowEnd - rowStart < {lastBlockBelow};");
        writer.Line($"nuint panelSlot = oneRowBlock ? 0 : (nuint){Literals.Int(panelFloats)};");
        string panelCopies = $"(int)((oneRowBlock ? 1 : panelEnd - panelStart) * {Literals.Int(panelFloats)})";
        if (packsA)
        {
            // A's packed block goes first: its size is a constant, the panels' copies follow it.
            int groupFloats = rowsRounded * blockDepth;
            writer.Line($"ref float pa = ref {Literals.Kernels}.KernelScratch.Get({Literals.Int(groupFloats)} + {panelCopies});");
            writer.Line($"ref float copies = ref {Literals.Unsafe}.Add(ref pa, {Literals.Int(groupFloats)});");
        }
        else if (kernel.Freezable)
        {
            writer.Line("// A frozen network passes the panels packed once; otherwise each block is copied to per-thread memory here.");
            writer.Line($"bool prepacked = !{Literals.Unsafe}.IsNullRef(ref packed);");
            writer.Line($"ref float copies = ref prepacked ? ref {Literals.Unsafe}.NullRef<float>() : ref {Literals.Kernels}.KernelScratch.Get({panelCopies});");
        }
        else
        {
            writer.Line($"ref float copies = ref {Literals.Kernels}.KernelScratch.Get({panelCopies});");
        }

        using (writer.Block($"for (nuint k0 = 0; k0 < {kernel.DepthExpression}; k0 += {blockDepth})"))
        {
            writer.Line($"nuint depth = global::System.Math.Min({blockDepth}, {kernel.DepthExpression} - k0);");
            if (packsA)
            {
                EmitPackA(writer, kernel);
                writer.Line();
            }

            using (writer.Block("for (nuint r0 = rowStart, blockEnd; r0 < rowEnd; r0 = blockEnd)"))
            {
                writer.Line($"blockEnd = rowEnd - r0 < {lastBlockBelow} ? rowEnd : r0 + {rowBlock};");
                using (writer.Block($"for (nuint j = panelStart * {panelColumns}; j < panelEnd * {panelColumns}; j += {panelColumns})"))
                {
                    string copy = $"ref {Literals.Unsafe}.Add(ref copies, (j / {panelColumns} - panelStart) * panelSlot)";
                    if (kernel.Freezable)
                    {
                        writer.Line("// Packed: panel j / width as PackedPanels.Pack laid it out, from row k0.");
                        copy = $"ref prepacked ? ref {Literals.Unsafe}.Add(ref packed, (j * {kernel.DepthExpression}) + (k0 * {panelColumns})) : {copy}";
                    }

                    writer.Line($"ref float p = {copy};");
                    using (writer.Block(kernel.Freezable ? "if (!prepacked && r0 == rowStart)" : "if (r0 == rowStart)"))
                    {
                        EmitPackBOnce(writer, kernel, width, panelColumns);
                    }

                    writer.Line();
                    EmitRowTiles(writer, kernel, tileSource, panel, "r0", "blockEnd");
                }
            }
        }
    }

    /// <summary>
    /// Whether the variant packs A: when A is read down its columns (consecutive rows are adjacent, a step of k is a
    /// whole row of x away), for a constant number of rows, in the SIMD variants (the packing copies with 4-wide vectors).
    /// </summary>
    private static bool PacksA(MatMulKernel kernel, VectorWidth width)
        => kernel.ARowStride == 1 && kernel.ADepthStride > 1 && kernel.Rows is int && !width.IsScalar;

    /// <summary>
    /// The first row block's copy of B's panel blocks. With one row block, panel j's block goes to <c>p</c> just before
    /// its tiles read it. With several, every panel has its own place, and the first panel of each group of
    /// <see cref="PackGroupPanels"/> copies the group's blocks at once, B's rows in order: a row's runs for all the
    /// group's panels are adjacent, where panel by panel each run is a row of B apart, a cache miss each (a 1024 × 1024
    /// matrix from memory packed in 0.64-0.70 ms that way, 0.87-0.93 ms panel by panel). A transposed B's panels stream
    /// already.
    /// </summary>
    private static void EmitPackBOnce(SourceWriter writer, MatMulKernel kernel, VectorWidth width, int panelColumns)
    {
        if (kernel.TransposedB)
        {
            EmitPackB(writer, kernel, width, panelColumns);
            return;
        }

        using (writer.Block("if (oneRowBlock)"))
        {
            EmitPackB(writer, kernel, width, panelColumns);
        }

        using (writer.Block($"else if ((j / {panelColumns} - panelStart) % {PackGroupPanels} == 0)"))
        {
            writer.Line($"nuint groupEnd = global::System.Math.Min(j + {PackGroupPanels * panelColumns}, panelEnd * {panelColumns});");
            using (writer.Block("for (nuint k = 0; k < depth; k++)"))
            {
                using (writer.Block($"for (nuint q = j; q < groupEnd; q += {panelColumns})"))
                {
                    writer.Line($"ref float to = ref {Literals.Unsafe}.Add(ref copies, (q / {panelColumns} - panelStart) * panelSlot + k * {panelColumns});");
                    EmitPanelRowCopy(writer, kernel, width, "q", "to", destinationIndex: null);
                }
            }
        }
    }

    /// <summary>Copies depth block k0 of B's panel j to <c>p</c>, rows of the panel's width.</summary>
    private static void EmitPackB(SourceWriter writer, MatMulKernel kernel, VectorWidth width, int panelColumns)
    {
        if (kernel.TransposedB)
        {
            writer.Line($"{Literals.Kernels}.PackedPanels.PackTransposed(ref b, {kernel.DepthExpression}, j, k0, depth, {panelColumns}, ref p);");
            return;
        }

        using (writer.Block("for (nuint k = 0; k < depth; k++)"))
        {
            EmitPanelRowCopy(writer, kernel, width, "j", "p", $"k * {panelColumns}");
        }
    }

    /// <summary>
    /// Copies row k0 + k of B's panel at <paramref name="column"/> (its <see cref="PanelVectors"/> vectors) to
    /// <paramref name="destination"/>, from <paramref name="destinationIndex"/> on, or from its start when that is null.
    /// </summary>
    private static void EmitPanelRowCopy(SourceWriter writer, MatMulKernel kernel, VectorWidth width, string column, string destination, string? destinationIndex)
    {
        for (int v = 0; v < PanelVectors; v++)
        {
            string offset = v == 0 ? string.Empty : $" + {v * width.Lanes}";
            string index = destinationIndex is not null ? destinationIndex + offset : Literals.Int(v * width.Lanes);
            writer.Line(width.Store(width.Load("b", $"(k0 + k) * {Literals.Int(kernel.Columns)} + {column}{offset}"), destination, index));
        }
    }

    /// <summary>
    /// Copies depth block k0 of this share's rows of A to <c>pa</c>: groups of <see cref="TileRows"/> rows, each
    /// step of k as <see cref="TileRows"/> adjacent values (the last group may be partial; its unused places are
    /// never read). It walks A's rows in order, one step of k at a time across every group, so that A is read
    /// as a stream (group by group, each read would be a row of A apart: a cache miss each, and a page each for wide
    /// layers). A full group is two overlapping 4-wide copies, which read exactly its six values.
    /// </summary>
    private static void EmitPackA(SourceWriter writer, MatMulKernel kernel)
    {
        string v128 = VectorWidth.V128.Api!;
        writer.Line($"nuint fullGroups = (rowEnd - rowStart) / {TileRows} * {TileRows};");
        using (writer.Block("for (nuint k = 0; k < depth; k++)"))
        {
            writer.Line($"nuint from = rowStart + {Scaled("(k0 + k)", kernel.ADepthStride)};");
            writer.Line($"ref float step = ref {Literals.Unsafe}.Add(ref pa, k * {TileRows});");
            using (writer.Block($"for (nuint g = 0; g < fullGroups; g += {TileRows})"))
            {
                writer.Line($"{v128}.StoreUnsafe({v128}.LoadUnsafe(ref a, from + g), ref step, g * depth);");
                writer.Line($"{v128}.StoreUnsafe({v128}.LoadUnsafe(ref a, from + g + {TileRows - 4}), ref step, g * depth + {TileRows - 4});");
            }

            using (writer.Block("for (nuint i = fullGroups; i < rowEnd - rowStart; i++)"))
            {
                writer.Line($"{Literals.Unsafe}.Add(ref step, fullGroups * depth + (i - fullGroups)) = {Literals.Unsafe}.Add(ref a, from + i);");
            }
        }
    }

    /// <summary>
    /// Whether a share is a range of row tiles rather than of column panels: for a constant number of rows when there
    /// are too few panels to share, and when the variant packs A (the weight gradient) with at least as many rows as
    /// columns: split by panels, every thread would pack all of A; split by rows, each packs its own rows of A and
    /// all of B's panels, the smaller copy. Either split computes every value with the same operations.
    /// </summary>
    private static bool SplitsByRows(MatMulKernel kernel, VectorWidth width, int panels)
        => kernel.Rows is int rows && (panels < 2 || (PacksA(kernel, width) && rows >= kernel.Columns));

    /// <summary>
    /// Whether threads can share the product: kernels over the batch's rows are split by column panels (each thread
    /// then copies only its own panels) and need two; kernels over a constant number of rows (the weight gradient)
    /// need two row tiles, whichever way <see cref="SplitsByRows"/> cuts them.
    /// </summary>
    private static bool CanSplit(MatMulKernel kernel)
        => kernel.Rows is int rows ? rows >= 2 * TileRows : kernel.Columns >= 2 * PanelVectors * VectorWidth.V128.Lanes;

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="end"/>) of one column panel: tiles of <see cref="TileRows"/>, then
    /// 4, 2 and 1 rows. When A is read in place, eight last rows run as two tiles of 4 rather than one of 6 and one of
    /// 2 (at W3's batch of 32, 6 + 6 + 6 + 6 + 4 + 4 rows instead of 6 × 5 + 2): a tile of 2 rows has 4 accumulators
    /// against 12, and in W3's layer-0 forward it took three quarters of a 6-row tile's time. A packed A keeps its
    /// groups of <see cref="TileRows"/> rows, which a tile must not straddle, so there the 6 + 2 stays.
    /// </summary>
    private static void EmitRowTiles(SourceWriter writer, MatMulKernel kernel, TileSource source, List<Accumulator> accumulators, string start = "rowStart", string end = "rowEnd")
    {
        writer.Line($"nuint r = {start};");

        // The main loop leaves eight rows only when the 4-row tile below repeats to take them.
        bool eightAsTwoFours = !source.PackedA;
        string leaveEight = eightAsTwoFours ? $" && {end} - r != {2 * LeftoverTiles[0]}" : string.Empty;
        using (writer.Block($"for (; r + {TileRows} <= {end}{leaveEight}; r += {TileRows})"))
        {
            EmitTile(writer, kernel, TileRows, source, accumulators);
        }

        foreach (int rows in LeftoverTiles)
        {
            string condition = rows == 1 ? $"if (r < {end})"
                : rows == LeftoverTiles[0] && eightAsTwoFours ? $"while (r + {rows} <= {end})"
                : $"if (r + {rows} <= {end})";
            using (writer.Block(condition))
            {
                EmitTile(writer, kernel, rows, source, accumulators);
                if (rows > 1)
                {
                    writer.Line($"r += {rows};");
                }
            }
        }
    }

    /// <summary>
    /// All the columns of row <c>r</c>: wide tiles in a loop, then the leftover columns. A wide tile is a whole number
    /// of column panels, so <paramref name="fromPanels"/> reads it from a frozen network's packed panels; the leftover
    /// columns are read from B in place either way.
    /// </summary>
    private static void EmitSingleRow(SourceWriter writer, MatMulKernel kernel, VectorWidth width, bool fromPanels)
    {
        int tileColumns = SingleRowVectors * width.Lanes;
        int mainEnd = kernel.Columns / tileColumns * tileColumns;
        if (mainEnd > 0)
        {
            var accumulators = Enumerable.Range(0, SingleRowVectors).Select(v => new Accumulator(width, v * width.Lanes)).ToList();
            int panelDepth = fromPanels ? (int)kernel.Depth! : 0;
            using (writer.Block($"for (nuint j = 0; j < {mainEnd}; j += {tileColumns})"))
            {
                EmitTile(writer, kernel, 1, new TileSource("j", 0, Packed: false, PanelVectors * width.Lanes, PanelDepth: panelDepth), accumulators);
            }
        }

        List<Accumulator> rest = LeftoverAccumulators(width, kernel.Columns - mainEnd);
        if (rest.Count > 0)
        {
            using (writer.Block($"// columns {mainEnd}..{kernel.Columns - 1}"))
            {
                EmitTile(writer, kernel, 1, new TileSource(null, mainEnd, Packed: false, 0), rest);
            }
        }
    }

    /// <summary>Full vectors of the variant's width, then 4-wide vectors, then scalars.</summary>
    private static List<Accumulator> LeftoverAccumulators(VectorWidth width, int columns)
    {
        var accumulators = new List<Accumulator>();
        int offset = 0;
        foreach (VectorWidth step in new[] { width, VectorWidth.V128, VectorWidth.Scalar })
        {
            if (step.Lanes > width.Lanes)
            {
                continue;
            }

            for (; columns - offset >= step.Lanes; offset += step.Lanes)
            {
                accumulators.Add(new Accumulator(step, offset));
            }
        }

        return accumulators;
    }

    /// <summary>
    /// One register tile: <paramref name="rows"/> × accumulators from row <c>r</c>, updated over the depth and stored
    /// once. Over the whole depth, they start from the bias (or zero) and are stored through the fused activation;
    /// over a depth block of a packed panel, they start from there in the first block and from C in the others, and
    /// the activation waits for the last block.
    /// </summary>
    private static void EmitTile(SourceWriter writer, MatMulKernel kernel, int rows, TileSource source, List<Accumulator> accumulators)
    {
        string n = Literals.Int(kernel.Columns);
        for (int i = 0; i < accumulators.Count; i++)
        {
            Accumulator accumulator = accumulators[i];
            string column = Column(null, source.ColumnVariable, source.ColumnBase + accumulator.Offset);
            string init = kernel.HasBias ? accumulator.Width.Load("bias", column) : accumulator.Width.Zero;
            for (int row = 0; row < rows; row++)
            {
                string start = source.Packed
                    ? $"k0 == 0 ? {init} : {accumulator.Width.Load("c", Column($"{RowIndex(row)} * {n}", source.ColumnVariable, source.ColumnBase + accumulator.Offset))}"
                    : row == 0 ? init : $"c0_{i}";
                writer.Line($"var c{row}_{i} = {start};");
            }
        }

        // Offsets into A and B that advance by a constant per step of k: every row and vector is then a constant
        // displacement from them, where k·stride and (r + row)·stride would cost multiplications in the loop.
        string depth = source.Packed ? "depth" : kernel.DepthExpression;
        string aStart = source.PackedA
            ? $"(r - rowStart) / {TileRows} * {TileRows} * depth + (r - rowStart) % {TileRows}"
            : source.Packed ? $"{Scaled("r", kernel.ARowStride)} + {Scaled("k0", kernel.ADepthStride)}" : Scaled("r", kernel.ARowStride);
        string aReference = source.PackedA ? "pa" : "a";
        int aRowStride = source.PackedA ? 1 : kernel.ARowStride;
        int aDepthStride = source.PackedA ? TileRows : kernel.ADepthStride;
        writer.Line($"nuint ai = {aStart};");
        bool wholePanels = source.PanelDepth > 0;

        // The columns after the panels of a transposed B are rows of b: bi is then the step of k, and each vector is
        // gathered from its columns' rows, one depth apart (a few columns, so the gather is cheap next to a copy).
        bool gathers = kernel.TransposedB && !source.Packed;
        string bStart = source.Packed || gathers ? "0"
            : wholePanels ? $"{source.ColumnVariable} * {Literals.Int(source.PanelDepth)}"
            : Column(null, source.ColumnVariable, source.ColumnBase);
        writer.Line($"nuint bi = {bStart};");
        string bReference = source.Packed ? "p" : wholePanels ? "packed" : "b";
        int bStride = source.Packed || wholePanels ? source.PanelColumns : gathers ? 1 : kernel.Columns;
        // A depth known to be positive (a block, or a layer's width) runs as do-while: the JIT then tests once, at the
        // bottom, where a for loop here was laid out with its test on top and a jump back, two branches per step.
        bool positiveDepth = source.Packed || kernel.Depth is int;
        if (positiveDepth)
        {
            writer.Line("nuint k = 0;");
        }

        using (positiveDepth ? writer.Block("do", $"}} while (++k < {depth});") : writer.Block($"for (nuint k = 0; k < {depth}; k++)"))
        {
            for (int i = 0; i < accumulators.Count; i++)
            {
                // Over whole packed panels, a column's place is its panel's start plus its place within the panel.
                int bOffset = wholePanels
                    ? (accumulators[i].Offset / source.PanelColumns * source.PanelColumns * source.PanelDepth) + (accumulators[i].Offset % source.PanelColumns)
                    : accumulators[i].Offset;
                string offset = bOffset == 0 ? "bi" : $"bi + {bOffset}";
                string load = gathers
                    ? Gather(accumulators[i].Width, source.ColumnBase + accumulators[i].Offset, (int)kernel.Depth!)
                    : accumulators[i].Width.Load(bReference, offset);
                writer.Line($"var b{i} = {load};");
            }

            IEnumerable<VectorWidth> widths = accumulators.Select(acc => acc.Width).Distinct();
            for (int row = 0; row < rows; row++)
            {
                string offset = row == 0 ? "ai" : $"ai + {row * aRowStride}";
                writer.Line($"float a{row} = {Literals.Unsafe}.Add(ref {aReference}, {offset});");
                foreach (VectorWidth width in widths.Where(w => !w.IsScalar))
                {
                    writer.Line($"var a{row}{width.Suffix} = {width.Broadcast($"a{row}")};");
                }

                for (int i = 0; i < accumulators.Count; i++)
                {
                    VectorWidth width = accumulators[i].Width;
                    string broadcast = width.IsScalar ? $"a{row}" : $"a{row}{width.Suffix}";
                    writer.Line($"c{row}_{i} = {width.MultiplyAdd(broadcast, $"b{i}", $"c{row}_{i}")};");
                }
            }

            writer.Line($"ai += {aDepthStride};");
            writer.Line($"bi += {bStride};");
        }

        bool activates = kernel.Activation != ActivationKind.Linear;
        if (source.Packed && activates)
        {
            writer.Line($"bool last = k0 + depth == {kernel.DepthExpression};");
        }

        for (int row = 0; row < rows; row++)
        {
            for (int i = 0; i < accumulators.Count; i++)
            {
                VectorWidth width = accumulators[i].Width;
                string value = $"c{row}_{i}";
                if (activates)
                {
                    string activated = width.Activate(value, kernel.Activation, kernel.LeakySlope);
                    value = source.Packed ? $"last ? {activated} : {value}" : activated;
                }

                writer.Line(width.Store(value, "c", Column($"{RowIndex(row)} * {n}", source.ColumnVariable, source.ColumnBase + accumulators[i].Offset)));
            }
        }
    }

    /// <summary>
    /// One vector of a transposed B at step <c>bi</c> of k: its lanes are columns <paramref name="column"/> onwards,
    /// each a row of b, <paramref name="depth"/> floats apart.
    /// </summary>
    private static string Gather(VectorWidth width, int column, int depth)
    {
        string Element(int lane) => $"{Literals.Unsafe}.Add(ref b, bi + {Literals.Int((column + lane) * depth)})";
        return width.IsScalar
            ? Element(0)
            : $"{width.Api}.Create({string.Join(", ", Enumerable.Range(0, width.Lanes).Select(Element))})";
    }

    private static string RowIndex(int row) => row == 0 ? "r" : $"(r + {row})";

    private static string Scaled(string variable, int stride) => stride == 1 ? variable : $"{variable} * {stride}";

    /// <summary>An index expression <c>start + columnVariable + offset</c>, leaving out the parts that are absent or 0.</summary>
    private static string Column(string? start, string? columnVariable, int offset)
    {
        var terms = new List<string>();
        if (start is not null)
        {
            terms.Add(start);
        }

        if (columnVariable is not null)
        {
            terms.Add(columnVariable);
        }

        if (offset != 0 || terms.Count == 0)
        {
            terms.Add(Literals.Int(offset));
        }

        return string.Join(" + ", terms);
    }

    private sealed record Accumulator(VectorWidth Width, int Offset);

    /// <summary>Where a tile's B comes from.</summary>
    /// <param name="ColumnVariable">The loop variable of the column panels, or null for a fixed position.</param>
    /// <param name="ColumnBase">The first column, added to <paramref name="ColumnVariable"/>.</param>
    /// <param name="Packed">True for a depth block of a panel copied to <c>p</c> (rows of <paramref name="PanelColumns"/>).</param>
    /// <param name="PackedA">True when A's depth block is copied to <c>pa</c> too (see <see cref="EmitPackA"/>).</param>
    /// <param name="PanelDepth">
    /// For a tile over whole column panels that a frozen network packed (<c>packed</c>, panels of
    /// <paramref name="PanelColumns"/> over the whole depth): the depth, which is how far apart the panels are, else 0.
    /// </param>
    private sealed record TileSource(string? ColumnVariable, int ColumnBase, bool Packed, int PanelColumns, bool PackedA = false, int PanelDepth = 0);
}
