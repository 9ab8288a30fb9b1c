using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neuroslyn.Kernels;

/// <summary>
/// The columns after the last whole tile of a product, which a tile finishes with full vectors of the width, then
/// 4-wide vectors, then single columns: a layout of constants, as a struct type parameter.
/// </summary>
internal interface ITailColumns
{
    /// <summary>The first of the columns.</summary>
    static abstract int Start { get; }

    /// <summary>Full vectors of the product's width, from <see cref="Start"/>.</summary>
    static abstract int Full { get; }

    /// <summary>4-wide vectors after the full ones (only in widths wider than 4), from <see cref="QuadStart"/>.</summary>
    static abstract int Quads { get; }

    /// <summary>The first column of the 4-wide vectors.</summary>
    static abstract int QuadStart { get; }

    /// <summary>Single columns after the 4-wide vectors, from <see cref="ScalarStart"/>.</summary>
    static abstract int Scalars { get; }

    /// <summary>The first single column.</summary>
    static abstract int ScalarStart { get; }
}

/// <summary>
/// Up to three 4-wide vectors of one row of a tail tile (accumulators, or B's values for a step of k). They are a
/// struct so that a six-row tile stays within the locals the JIT allows a method it inlines (it would not inline the
/// tile written with a local per accumulator: "too many locals"); the JIT promotes the fields to registers, and those
/// a layout does not use are never touched.
/// </summary>
internal struct TailQuads
{
    public Vector128<float> V0, V1, V2;
}

/// <summary>Up to three single columns of one row of a tail tile: see <see cref="TailQuads"/>.</summary>
internal struct TailSingles
{
    public float V0, V1, V2;
}

internal static partial class MatMul<TProduct, TSimd, TVector>
{
    /// <summary>
    /// Rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of the columns after the last whole panel, read from
    /// B in place over the whole depth: tiles of <see cref="MatMulBlocking.TileRows"/>, then 4, 2 and 1 rows, eight last
    /// rows as two tiles of 4 (see <see cref="PanelRowTiles"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void TailRowTiles(ref float a, ref float b, ref float bias, ref float c, nuint rowStart, nuint rowEnd, nuint count)
    {
        nuint r = TailRows<SixRows>(ref a, ref b, ref bias, ref c, rowStart, rowEnd, count);
        if (r + 4 <= rowEnd)
        {
            r = TailRows<FourRows>(ref a, ref b, ref bias, ref c, r, rowEnd, count);
        }

        if (r + 2 <= rowEnd)
        {
            r = TailRows<TwoRows>(ref a, ref b, ref bias, ref c, r, rowEnd, count);
        }

        if (r < rowEnd)
        {
            TailRows<OneRow>(ref a, ref b, ref bias, ref c, r, rowEnd, count);
        }
    }

    /// <summary>
    /// The tiles of <typeparamref name="TRows"/> rows of <see cref="TailRowTiles"/> from row <paramref name="r"/>, and the
    /// row after them: as many as fit for 6 rows (leaving eight last rows to two tiles of 4) and for 4, one for the others.
    /// A method per row count: a leftover tile holds up to seven accumulators a row, and the four together would pass
    /// the locals the JIT inlines into one method.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nuint TailRows<TRows>(ref float a, ref float b, ref float bias, ref float c, nuint r, nuint rowEnd, nuint count)
        where TRows : struct, ITileRows
    {
        // The depth read here, not passed in, so that a layer's width is a literal in the tiles' loops.
        nuint rows = (nuint)TRows.Value, depthTotal = DepthOf(count);
        bool repeats = TRows.Value >= 4;
        bool leavesEight = TRows.Value == MatMulBlocking.TileRows;
        while (r + rows <= rowEnd && !(leavesEight && rowEnd - r == 8))
        {
            TailTile<TRows>(ref a, ref b, ref bias, ref c, r, depthTotal);
            r += rows;
            if (!repeats)
            {
                break;
            }
        }

        return r;
    }

    /// <summary>
    /// One register tile of the columns after the last whole panel (<see cref="PanelTail"/>: at most one full vector,
    /// three 4-wide vectors and three single columns, as the panel is two vectors wide): <typeparamref name="TRows"/>
    /// rows from row <paramref name="r"/>, over the whole depth, started from the bias (or 0) and stored once through
    /// the fused activation. A vector column is a multiply-add (<c>MultiplyAddEstimate</c>), a single column
    /// <c>c + a·b</c>, as in the generated kernels. A transposed B's columns are rows of <c>b</c>: each vector is then
    /// gathered from its columns' rows, one depth apart (a few columns, so the gather is cheap next to a copy).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TailTile<TRows>(ref float a, ref float b, ref float bias, ref float c, nuint r, nuint depthTotal)
        where TRows : struct, ITileRows
    {
        nuint n = (nuint)TProduct.Columns, aRowStride = (nuint)TProduct.ARowStride, aStep = (nuint)TProduct.ADepthStride;

        // B's index advances by a row of B per step of k, or by one for a transposed B (each column is a row of b).
        nuint bStep = TProduct.TransposedB ? 1 : n;

        // Row i's accumulators: fi (the full vector), qi and si; the other rows start where row 0 does.
        TVector f0 = default;
        if (PanelTail.Full > 0)
        {
            LoadBias<TSimd, TVector>(ref bias, (nuint)PanelTail.Start, ref f0);
        }

        BiasQuads<PanelTail>(ref bias, out TailQuads q0);
        BiasSingles<PanelTail>(ref bias, out TailSingles s0);
        TVector f1 = f0, f2 = f0, f3 = f0, f4 = f0, f5 = f0;
        TailQuads q1 = q0, q2 = q0, q3 = q0, q4 = q0, q5 = q0;
        TailSingles s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;

        nuint ai = r * aRowStride, bi = 0, k = 0;

        // A depth that is the batch size may be 0; a layer's width never is.
        if (!TProduct.DepthIsBatch || depthTotal != 0)
        {
            do
            {
                LoadFull<PanelTail>(ref b, bi, out TVector bf);
                LoadQuads<PanelTail>(ref b, bi, out TailQuads bq);
                LoadSingles<PanelTail>(ref b, bi, out TailSingles bs);
                TailStep<PanelTail>(ref a, ai, 0, bf, bq, bs, ref f0, ref q0, ref s0);
                if (TRows.Value > 1)
                {
                    TailStep<PanelTail>(ref a, ai, 1, bf, bq, bs, ref f1, ref q1, ref s1);
                }

                if (TRows.Value > 2)
                {
                    TailStep<PanelTail>(ref a, ai, 2, bf, bq, bs, ref f2, ref q2, ref s2);
                    TailStep<PanelTail>(ref a, ai, 3, bf, bq, bs, ref f3, ref q3, ref s3);
                }

                if (TRows.Value > 4)
                {
                    TailStep<PanelTail>(ref a, ai, 4, bf, bq, bs, ref f4, ref q4, ref s4);
                    TailStep<PanelTail>(ref a, ai, 5, bf, bq, bs, ref f5, ref q5, ref s5);
                }

                ai += aStep;
                bi += bStep;
            }
            while (++k < depthTotal);
        }

        StoreTailRow<PanelTail>(f0, q0, s0, ref c, r * n);
        if (TRows.Value > 1)
        {
            StoreTailRow<PanelTail>(f1, q1, s1, ref c, (r + 1) * n);
        }

        if (TRows.Value > 2)
        {
            StoreTailRow<PanelTail>(f2, q2, s2, ref c, (r + 2) * n);
            StoreTailRow<PanelTail>(f3, q3, s3, ref c, (r + 3) * n);
        }

        if (TRows.Value > 4)
        {
            StoreTailRow<PanelTail>(f4, q4, s4, ref c, (r + 4) * n);
            StoreTailRow<PanelTail>(f5, q5, s5, ref c, (r + 5) * n);
        }
    }

    /// <summary>
    /// One step of k of row <paramref name="row"/> of a tail tile (a literal): its value of A, at
    /// <c>a[ai + row·ARowStride]</c>, times B's first full vector, its 4-wide vectors and its single columns (those
    /// <typeparamref name="TTail"/> has), added to the row's accumulators. A's value is read where each use needs it,
    /// so that a value one broadcast needs is broadcast straight from memory, at a constant displacement (the JIT
    /// merges the reads when several need it); a local holding it, or a reference to it, cost an instruction a row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TailStep<TTail>(
        ref float a, nuint ai, nuint row, TVector bf, TailQuads bq, TailSingles bs, ref TVector f, ref TailQuads q, ref TailSingles s)
        where TTail : struct, ITailColumns
    {
        if (TTail.Full > 0)
        {
            f = TSimd.MultiplyAdd(TSimd.Broadcast(AValue(ref a, ai, row)), bf, f);
        }

        if (TTail.Quads > 0)
        {
            Vector128<float> quad = Vector128.Create(AValue(ref a, ai, row));
            q.V0 = Simd128.MultiplyAdd(quad, bq.V0, q.V0);
            if (TTail.Quads > 1)
            {
                q.V1 = Simd128.MultiplyAdd(quad, bq.V1, q.V1);
            }

            if (TTail.Quads > 2)
            {
                q.V2 = Simd128.MultiplyAdd(quad, bq.V2, q.V2);
            }
        }

        if (TTail.Scalars > 0)
        {
            s.V0 = SimdScalar.MultiplyAdd(AValue(ref a, ai, row), bs.V0, s.V0);
        }

        if (TTail.Scalars > 1)
        {
            s.V1 = SimdScalar.MultiplyAdd(AValue(ref a, ai, row), bs.V1, s.V1);
        }

        if (TTail.Scalars > 2)
        {
            s.V2 = SimdScalar.MultiplyAdd(AValue(ref a, ai, row), bs.V2, s.V2);
        }
    }

    /// <summary>Row <paramref name="row"/>'s value of A at <paramref name="ai"/>: one read of a base constant, so the displacement is a literal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float AValue(ref float a, nuint ai, nuint row) => Unsafe.Add(ref a, ai + (row * (nuint)TProduct.ARowStride));

    /// <summary>
    /// Stores one row of a tail tile from <c>c[row]</c>: its first full vector, its 4-wide vectors and its single
    /// columns (those <typeparamref name="TTail"/> has), through the fused activation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTailRow<TTail>(TVector f, TailQuads q, TailSingles s, ref float c, nuint row)
        where TTail : struct, ITailColumns
    {
        if (TTail.Full > 0)
        {
            Activate<TSimd, TVector>(ref f);
            TSimd.Store(f, ref c, row + (nuint)TTail.Start);
        }

        nuint quads = row + (nuint)TTail.QuadStart;
        if (TTail.Quads > 0)
        {
            Activate<Simd128, Vector128<float>>(ref q.V0);
            Simd128.Store(q.V0, ref c, quads);
        }

        if (TTail.Quads > 1)
        {
            Activate<Simd128, Vector128<float>>(ref q.V1);
            Simd128.Store(q.V1, ref c, quads + 4);
        }

        if (TTail.Quads > 2)
        {
            Activate<Simd128, Vector128<float>>(ref q.V2);
            Simd128.Store(q.V2, ref c, quads + 8);
        }

        nuint singles = row + (nuint)TTail.ScalarStart;
        if (TTail.Scalars > 0)
        {
            Activate<SimdScalar, float>(ref s.V0);
            SimdScalar.Store(s.V0, ref c, singles);
        }

        if (TTail.Scalars > 1)
        {
            Activate<SimdScalar, float>(ref s.V1);
            SimdScalar.Store(s.V1, ref c, singles + 1);
        }

        if (TTail.Scalars > 2)
        {
            Activate<SimdScalar, float>(ref s.V2);
            SimdScalar.Store(s.V2, ref c, singles + 2);
        }
    }

    /// <summary>The bias (or 0) of <typeparamref name="TTail"/>'s 4-wide vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BiasQuads<TTail>(ref float bias, out TailQuads q)
        where TTail : struct, ITailColumns
    {
        q = default;
        nuint start = (nuint)TTail.QuadStart;
        if (TTail.Quads > 0)
        {
            LoadBias<Simd128, Vector128<float>>(ref bias, start, ref q.V0);
        }

        if (TTail.Quads > 1)
        {
            LoadBias<Simd128, Vector128<float>>(ref bias, start + 4, ref q.V1);
        }

        if (TTail.Quads > 2)
        {
            LoadBias<Simd128, Vector128<float>>(ref bias, start + 8, ref q.V2);
        }
    }

    /// <summary>The bias (or 0) of <typeparamref name="TTail"/>'s single columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BiasSingles<TTail>(ref float bias, out TailSingles s)
        where TTail : struct, ITailColumns
    {
        s = default;
        nuint start = (nuint)TTail.ScalarStart;
        if (TTail.Scalars > 0)
        {
            LoadBias<SimdScalar, float>(ref bias, start, ref s.V0);
        }

        if (TTail.Scalars > 1)
        {
            LoadBias<SimdScalar, float>(ref bias, start + 1, ref s.V1);
        }

        if (TTail.Scalars > 2)
        {
            LoadBias<SimdScalar, float>(ref bias, start + 2, ref s.V2);
        }
    }

    /// <summary>B's first full vector of <typeparamref name="TTail"/> at step <paramref name="bi"/> of k (0 if it has none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadFull<TTail>(ref float b, nuint bi, out TVector f)
        where TTail : struct, ITailColumns
    {
        f = default;
        if (TTail.Full > 0)
        {
            LoadColumns<TSimd, TVector>(ref b, bi, (nuint)TTail.Start, ref f);
        }
    }

    /// <summary>B's 4-wide vectors of <typeparamref name="TTail"/> at step <paramref name="bi"/> of k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadQuads<TTail>(ref float b, nuint bi, out TailQuads q)
        where TTail : struct, ITailColumns
    {
        q = default;
        nuint start = (nuint)TTail.QuadStart;
        if (TTail.Quads > 0)
        {
            LoadColumns<Simd128, Vector128<float>>(ref b, bi, start, ref q.V0);
        }

        if (TTail.Quads > 1)
        {
            LoadColumns<Simd128, Vector128<float>>(ref b, bi, start + 4, ref q.V1);
        }

        if (TTail.Quads > 2)
        {
            LoadColumns<Simd128, Vector128<float>>(ref b, bi, start + 8, ref q.V2);
        }
    }

    /// <summary>B's single columns of <typeparamref name="TTail"/> at step <paramref name="bi"/> of k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadSingles<TTail>(ref float b, nuint bi, out TailSingles s)
        where TTail : struct, ITailColumns
    {
        s = default;
        nuint start = (nuint)TTail.ScalarStart;
        if (TTail.Scalars > 0)
        {
            LoadColumns<SimdScalar, float>(ref b, bi, start, ref s.V0);
        }

        if (TTail.Scalars > 1)
        {
            LoadColumns<SimdScalar, float>(ref b, bi, start + 1, ref s.V1);
        }

        if (TTail.Scalars > 2)
        {
            LoadColumns<SimdScalar, float>(ref b, bi, start + 2, ref s.V2);
        }
    }

    /// <summary>
    /// The vector of B at step <paramref name="bi"/> of k from column <paramref name="column"/>: a load from B's row, or
    /// for a transposed B a gather of its columns' rows of <c>b</c>, one depth apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadColumns<TS, TV>(ref float b, nuint bi, nuint column, ref TV value)
        where TS : struct, ISimd<TV>
        where TV : struct
    {
        if (TProduct.TransposedB)
        {
            nuint depth = (nuint)TProduct.Depth;
            value = TS.Gather(ref b, bi + (column * depth), depth);
        }
        else
        {
            value = TS.Load(ref b, bi + column);
        }
    }

    /// <summary>
    /// The columns after the last whole column panel, which every row tile of the batched path finishes with: fewer
    /// than two vectors' worth. Each value is one read of the column count among literals (see the class remarks):
    /// the 4-wide vectors are what whole vectors of the width leave, in fours (none in the 4-wide and scalar widths),
    /// and the single columns what is left after them.
    /// </summary>
    private readonly struct PanelTail : ITailColumns
    {
        public static int Start
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns / (MatMulBlocking.PanelVectors * Unsafe.SizeOf<TVector>() / sizeof(float)) * (MatMulBlocking.PanelVectors * Unsafe.SizeOf<TVector>() / sizeof(float));
        }

        public static int Full
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns % (MatMulBlocking.PanelVectors * Unsafe.SizeOf<TVector>() / sizeof(float)) / (Unsafe.SizeOf<TVector>() / sizeof(float));
        }

        public static int Quads
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns % (Unsafe.SizeOf<TVector>() / sizeof(float)) / 4;
        }

        public static int QuadStart
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns / (Unsafe.SizeOf<TVector>() / sizeof(float)) * (Unsafe.SizeOf<TVector>() / sizeof(float));
        }

        public static int Scalars
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns % (Unsafe.SizeOf<TVector>() / sizeof(float)) % 4;
        }

        public static int ScalarStart
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns / 4 * 4;
        }
    }

    /// <summary>The columns after the single-row path's last whole tile: fewer than eight vectors' worth.</summary>
    private readonly struct SingleRowTail : ITailColumns
    {
        public static int Start
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns / (MatMulBlocking.SingleRowVectors * Unsafe.SizeOf<TVector>() / sizeof(float)) * (MatMulBlocking.SingleRowVectors * Unsafe.SizeOf<TVector>() / sizeof(float));
        }

        public static int Full
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns % (MatMulBlocking.SingleRowVectors * Unsafe.SizeOf<TVector>() / sizeof(float)) / (Unsafe.SizeOf<TVector>() / sizeof(float));
        }

        public static int Quads
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns % (Unsafe.SizeOf<TVector>() / sizeof(float)) / 4;
        }

        public static int QuadStart
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns / (Unsafe.SizeOf<TVector>() / sizeof(float)) * (Unsafe.SizeOf<TVector>() / sizeof(float));
        }

        public static int Scalars
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns % (Unsafe.SizeOf<TVector>() / sizeof(float)) % 4;
        }

        public static int ScalarStart
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TProduct.Columns / 4 * 4;
        }
    }
}
