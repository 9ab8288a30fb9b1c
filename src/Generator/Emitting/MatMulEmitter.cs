using System.Collections.Generic;
using System.Linq;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// Writes a <see cref="MatMulKernel"/> as register-blocked SIMD code: an entry point that checks extents and
/// dispatches on the widest accelerated vector width, and one method per width. Each method walks the rows in
/// tiles of <see cref="TileRows"/> (then one by one) and the columns in tiles of a few vectors whose
/// accumulators stay in registers for the whole depth loop. Columns that do not fill a vector are finished with
/// 4-wide vectors, then scalars, all unrolled from the constant shape: loops never unroll a whole layer.
/// </summary>
internal static class MatMulEmitter
{
    /// <summary>Rows per tile in the main loop.</summary>
    private const int TileRows = 4;

    /// <summary>Vectors per row in a tile: 4 × 2 accumulators for four rows, 4 for a single row.</summary>
    private static int VectorsPerRow(int rows) => rows == TileRows ? 2 : 4;

    public static void Emit(SourceWriter writer, MatMulKernel kernel)
    {
        EmitEntry(writer, kernel);
        foreach (VectorWidth width in VectorWidth.All)
        {
            writer.Line();
            EmitVariant(writer, kernel, width);
        }
    }

    private static void EmitEntry(SourceWriter writer, MatMulKernel kernel)
    {
        string biasParameter = kernel.HasBias ? $"{Literals.ReadOnlySpan} bias, " : string.Empty;
        string m = kernel.RowsExpression, k = kernel.DepthExpression, n = Literals.Int(kernel.Columns);
        writer.Line($"/// <summary>{kernel.Summary}</summary>");
        using (writer.Block($"private static void {kernel.Name}({Literals.ReadOnlySpan} a, {Literals.ReadOnlySpan} b, {biasParameter}{Literals.Span} c, int count)"))
        {
            writer.Line("// The variants read and write through references: every extent is checked here, once.");
            string biasCheck = kernel.HasBias ? $" || bias.Length < {n}" : string.Empty;
            using (writer.Block($"if (count < 0 || a.Length < {m} * {k} || b.Length < {k} * {n} || c.Length < {m} * {n}{biasCheck})"))
            {
                writer.Line($"throw new global::System.ArgumentException(\"{kernel.Name}: a span is shorter than the layer's shape requires.\");");
            }

            writer.Line();
            writer.Line($"ref float ar = ref {Literals.MemoryMarshal}.GetReference(a);");
            writer.Line($"ref float br = ref {Literals.MemoryMarshal}.GetReference(b);");
            if (kernel.HasBias)
            {
                writer.Line($"ref float biasr = ref {Literals.MemoryMarshal}.GetReference(bias);");
            }

            writer.Line($"ref float cr = ref {Literals.MemoryMarshal}.GetReference(c);");
            string arguments = kernel.HasBias ? "ref ar, ref br, ref biasr, ref cr, (nuint)count" : "ref ar, ref br, ref cr, (nuint)count";
            for (int i = 0; i < VectorWidth.All.Length; i++)
            {
                VectorWidth width = VectorWidth.All[i];
                string condition = width.IsScalar ? "else" : $"{(i == 0 ? "if" : "else if")} ({width.Api}.IsHardwareAccelerated)";
                writer.Line(condition);
                writer.Line("{");
                writer.Line($"    {kernel.Name}{width.Suffix}({arguments});");
                writer.Line("}");
            }
        }
    }

    private static void EmitVariant(SourceWriter writer, MatMulKernel kernel, VectorWidth width)
    {
        string biasParameter = kernel.HasBias ? "ref float bias, " : string.Empty;
        string what = width.IsScalar ? "in scalar code, for processors without SIMD" : $"with {width.Suffix} vectors ({width.Lanes} floats each)";
        writer.Line($"/// <summary>{kernel.Name} {what}; the entry point has checked every extent.</summary>");
        using (writer.Block($"private static void {kernel.Name}{width.Suffix}(ref float a, ref float b, {biasParameter}ref float c, nuint count)"))
        {
            writer.Line("nuint r = 0;");
            foreach (int rows in new[] { TileRows, 1 })
            {
                string header = rows == TileRows
                    ? $"for (; r + {TileRows} <= {kernel.RowsExpression}; r += {TileRows})"
                    : $"for (; r < {kernel.RowsExpression}; r++)";
                using (writer.Block(header))
                {
                    EmitRowTile(writer, kernel, width, rows);
                }
            }
        }
    }

    /// <summary>All the columns of <paramref name="rows"/> rows: full tiles in a loop, then the leftover columns.</summary>
    private static void EmitRowTile(SourceWriter writer, MatMulKernel kernel, VectorWidth width, int rows)
    {
        int tileColumns = VectorsPerRow(rows) * width.Lanes;
        int mainEnd = kernel.Columns / tileColumns * tileColumns;
        if (mainEnd > 0)
        {
            var accumulators = Enumerable.Range(0, VectorsPerRow(rows)).Select(v => new Accumulator(width, v * width.Lanes)).ToList();
            using (writer.Block($"for (nuint j = 0; j < {mainEnd}; j += {tileColumns})"))
            {
                EmitTile(writer, kernel, rows, "j", 0, accumulators);
            }
        }

        List<Accumulator> rest = LeftoverAccumulators(width, kernel.Columns - mainEnd);
        if (rest.Count > 0)
        {
            using (writer.Block($"// columns {mainEnd}..{kernel.Columns - 1}: the last ones, too few for a full tile"))
            {
                EmitTile(writer, kernel, rows, null, mainEnd, rest);
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
    /// One register tile: <paramref name="rows"/> × accumulators, initialised from the bias (or zero), updated over
    /// the whole depth, stored once.
    /// </summary>
    /// <param name="columnVariable">The loop variable of the column tiles, or null for a fixed position.</param>
    /// <param name="columnBase">The first column, added to <paramref name="columnVariable"/>.</param>
    private static void EmitTile(SourceWriter writer, MatMulKernel kernel, int rows, string? columnVariable, int columnBase, List<Accumulator> accumulators)
    {
        string n = Literals.Int(kernel.Columns);
        for (int i = 0; i < accumulators.Count; i++)
        {
            Accumulator accumulator = accumulators[i];
            string init = kernel.HasBias ? accumulator.Width.Load("bias", Column(null, columnVariable, columnBase + accumulator.Offset)) : accumulator.Width.Zero;
            writer.Line($"var c0_{i} = {init};");
            for (int row = 1; row < rows; row++)
            {
                writer.Line($"var c{row}_{i} = c0_{i};");
            }
        }

        using (writer.Block($"for (nuint k = 0; k < {kernel.DepthExpression}; k++)"))
        {
            for (int i = 0; i < accumulators.Count; i++)
            {
                writer.Line($"var b{i} = {accumulators[i].Width.Load("b", Column($"k * {n}", columnVariable, columnBase + accumulators[i].Offset))};");
            }

            IEnumerable<VectorWidth> widths = accumulators.Select(acc => acc.Width).Distinct();
            for (int row = 0; row < rows; row++)
            {
                string rowIndex = row == 0 ? "r" : $"(r + {row})";
                writer.Line($"float a{row} = {Literals.Unsafe}.Add(ref a, {Scaled(rowIndex, kernel.ARowStride)} + {Scaled("k", kernel.ADepthStride)});");
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
        }

        for (int row = 0; row < rows; row++)
        {
            string rowIndex = row == 0 ? "r" : $"(r + {row})";
            for (int i = 0; i < accumulators.Count; i++)
            {
                writer.Line(accumulators[i].Width.Store($"c{row}_{i}", "c", Column($"{rowIndex} * {n}", columnVariable, columnBase + accumulators[i].Offset)));
            }
        }
    }

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
}
