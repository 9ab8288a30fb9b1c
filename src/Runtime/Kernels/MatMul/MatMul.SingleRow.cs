using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

internal static partial class MatMul<TProduct, TSimd, TVector>
{
    /// <summary>
    /// The product for a batch of one row: its columns in tiles of <see cref="MatMulBlocking.SingleRowVectors"/>
    /// vectors, then the leftover columns (<see cref="SingleRowTail"/>). A frozen network's panels (a non-null <paramref name="packed"/>) are read
    /// by the tiles, four panels each, every one a sequential stream, where rows of B would be read a tile's width at a
    /// time, a row apart; the leftover columns are read from B in place either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SingleRow(ref float a, ref float b, ref float packed, ref float bias, ref float c)
    {
        bool frozen = TProduct.Freezable && !Unsafe.IsNullRef(ref packed);
        if (Unsafe.SizeOf<TVector>() == sizeof(float))
        {
            // The scalar width runs where the vector types are software, and their fallbacks (MathF.Max's among them)
            // bring the JIT so many locals that the two forms together would not be inlined whole: a method each.
            if (frozen)
            {
                SingleRowFromPanels(ref a, ref packed, ref b, ref bias, ref c);
            }
            else
            {
                SingleRowFromB(ref a, ref b, ref bias, ref c);
            }

            return;
        }

        if (frozen)
        {
            SingleRowColumnsOf(ref a, ref packed, ref b, ref bias, ref c, fromPanels: true);
            return;
        }

        SingleRowColumnsOf(ref a, ref b, ref b, ref bias, ref c, fromPanels: false);
    }

    /// <summary><see cref="SingleRowColumnsOf"/> over a frozen network's panels, as a method of its own (the scalar width's).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SingleRowFromPanels(ref float a, ref float packed, ref float b, ref float bias, ref float c)
        => SingleRowColumnsOf(ref a, ref packed, ref b, ref bias, ref c, fromPanels: true);

    /// <summary><see cref="SingleRowColumnsOf"/> over B's rows, as a method of its own (the scalar width's).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SingleRowFromB(ref float a, ref float b, ref float bias, ref float c)
        => SingleRowColumnsOf(ref a, ref b, ref b, ref bias, ref c, fromPanels: false);

    /// <summary>
    /// Every column of the one row: whole tiles read from <paramref name="source"/> (B, or with
    /// <paramref name="fromPanels"/> a frozen network's packed panels), then the leftover columns from B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SingleRowColumnsOf(ref float a, ref float source, ref float b, ref float bias, ref float c, bool fromPanels)
    {
        // The tiles end where the tail starts.
        nuint end = (nuint)SingleRowTail.Start, step = (nuint)(MatMulBlocking.SingleRowVectors * Unsafe.SizeOf<TVector>() / sizeof(float));
        for (nuint j = 0; j < end; j += step)
        {
            SingleRowTile(ref a, ref source, ref bias, ref c, j, fromPanels);
        }

        if (TProduct.Columns % (MatMulBlocking.SingleRowVectors * Unsafe.SizeOf<TVector>() / sizeof(float)) != 0)
        {
            SingleRowTailTile(ref a, ref b, ref bias, ref c);
        }
    }

    /// <summary>
    /// One tile of the single row: <see cref="MatMulBlocking.SingleRowVectors"/> vectors of accumulators from column
    /// <paramref name="j"/>, over the whole depth, stored once through the fused activation. Read from B's rows
    /// (a row of B per step of k) or, with <paramref name="fromPanels"/> (a constant, so one form is compiled), from
    /// four whole panels packed by <see cref="PackedPanels.Pack"/>: panel <c>j / PanelColumns</c> starts at
    /// <c>j·depth</c>, and a column's place is its panel's start plus its place within the panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SingleRowTile(ref float a, ref float source, ref float bias, ref float c, nuint j, bool fromPanels)
    {
        nuint lanes = (nuint)(Unsafe.SizeOf<TVector>() / sizeof(float)), depth = (nuint)TProduct.Depth;
        nuint aStep = (nuint)TProduct.ADepthStride, step = (nuint)TProduct.Columns, bi = j;
        if (fromPanels)
        {
            step = 2 * lanes;
            bi = j * depth;
        }

        TVector c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        LoadBias<TSimd, TVector>(ref bias, j, ref c0);
        LoadBias<TSimd, TVector>(ref bias, j + lanes, ref c1);
        LoadBias<TSimd, TVector>(ref bias, j + (2 * lanes), ref c2);
        LoadBias<TSimd, TVector>(ref bias, j + (3 * lanes), ref c3);
        LoadBias<TSimd, TVector>(ref bias, j + (4 * lanes), ref c4);
        LoadBias<TSimd, TVector>(ref bias, j + (5 * lanes), ref c5);
        LoadBias<TSimd, TVector>(ref bias, j + (6 * lanes), ref c6);
        LoadBias<TSimd, TVector>(ref bias, j + (7 * lanes), ref c7);

        nuint ai = 0, k = 0;
        do
        {
            TVector b0 = TSimd.Load(ref source, bi);
            TVector b1 = TSimd.Load(ref source, bi + SingleRowOffset(1, fromPanels));
            TVector b2 = TSimd.Load(ref source, bi + SingleRowOffset(2, fromPanels));
            TVector b3 = TSimd.Load(ref source, bi + SingleRowOffset(3, fromPanels));
            TVector b4 = TSimd.Load(ref source, bi + SingleRowOffset(4, fromPanels));
            TVector b5 = TSimd.Load(ref source, bi + SingleRowOffset(5, fromPanels));
            TVector b6 = TSimd.Load(ref source, bi + SingleRowOffset(6, fromPanels));
            TVector b7 = TSimd.Load(ref source, bi + SingleRowOffset(7, fromPanels));
            TVector a0 = TSimd.Broadcast(Unsafe.Add(ref a, ai));
            c0 = TSimd.MultiplyAdd(a0, b0, c0);
            c1 = TSimd.MultiplyAdd(a0, b1, c1);
            c2 = TSimd.MultiplyAdd(a0, b2, c2);
            c3 = TSimd.MultiplyAdd(a0, b3, c3);
            c4 = TSimd.MultiplyAdd(a0, b4, c4);
            c5 = TSimd.MultiplyAdd(a0, b5, c5);
            c6 = TSimd.MultiplyAdd(a0, b6, c6);
            c7 = TSimd.MultiplyAdd(a0, b7, c7);
            ai += aStep;
            bi += step;
        }
        while (++k < depth);

        Activate<TSimd, TVector>(ref c0);
        Activate<TSimd, TVector>(ref c1);
        Activate<TSimd, TVector>(ref c2);
        Activate<TSimd, TVector>(ref c3);
        Activate<TSimd, TVector>(ref c4);
        Activate<TSimd, TVector>(ref c5);
        Activate<TSimd, TVector>(ref c6);
        Activate<TSimd, TVector>(ref c7);
        TSimd.Store(c0, ref c, j);
        TSimd.Store(c1, ref c, j + lanes);
        TSimd.Store(c2, ref c, j + (2 * lanes));
        TSimd.Store(c3, ref c, j + (3 * lanes));
        TSimd.Store(c4, ref c, j + (4 * lanes));
        TSimd.Store(c5, ref c, j + (5 * lanes));
        TSimd.Store(c6, ref c, j + (6 * lanes));
        TSimd.Store(c7, ref c, j + (7 * lanes));
    }

    /// <summary>
    /// Where vector <paramref name="v"/> of a single-row tile is, from the tile's start: <paramref name="v"/> vectors
    /// along B's row, or in packed panels (<paramref name="fromPanels"/>) its panel's start, a panel (depth × two vectors)
    /// apart, plus its place in the panel. One read of a base constant among literals, so that the JIT folds it into
    /// the load's displacement (through a local it stayed an addition in the loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint SingleRowOffset(nuint v, bool fromPanels)
        => fromPanels
            ? (v / 2 * (nuint)(MatMulBlocking.PanelVectors * Unsafe.SizeOf<TVector>() / sizeof(float)) * (nuint)TProduct.Depth) + (v % 2 * (nuint)(Unsafe.SizeOf<TVector>() / sizeof(float)))
            : v * (nuint)(Unsafe.SizeOf<TVector>() / sizeof(float));

    /// <summary>
    /// The single row's columns after its last whole tile (<see cref="SingleRowTail"/>: up to seven full vectors, three
    /// 4-wide vectors and three single columns), read from B's rows over the whole depth and stored once through the
    /// fused activation, as a panel's tail tile does (see <see cref="TailTile{TRows}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SingleRowTailTile(ref float a, ref float b, ref float bias, ref float c)
    {
        nuint f = (nuint)SingleRowTail.Start, lanes = (nuint)TSimd.Lanes, n = (nuint)TProduct.Columns;
        nuint depth = (nuint)TProduct.Depth, aStep = (nuint)TProduct.ADepthStride;
        TVector f0 = default, f1 = default, f2 = default, f3 = default, f4 = default, f5 = default, f6 = default;
        if (SingleRowTail.Full > 0)
        {
            LoadBias<TSimd, TVector>(ref bias, f, ref f0);
        }

        if (SingleRowTail.Full > 1)
        {
            LoadBias<TSimd, TVector>(ref bias, f + lanes, ref f1);
        }

        if (SingleRowTail.Full > 2)
        {
            LoadBias<TSimd, TVector>(ref bias, f + (2 * lanes), ref f2);
        }

        if (SingleRowTail.Full > 3)
        {
            LoadBias<TSimd, TVector>(ref bias, f + (3 * lanes), ref f3);
        }

        if (SingleRowTail.Full > 4)
        {
            LoadBias<TSimd, TVector>(ref bias, f + (4 * lanes), ref f4);
        }

        if (SingleRowTail.Full > 5)
        {
            LoadBias<TSimd, TVector>(ref bias, f + (5 * lanes), ref f5);
        }

        if (SingleRowTail.Full > 6)
        {
            LoadBias<TSimd, TVector>(ref bias, f + (6 * lanes), ref f6);
        }

        BiasQuads<SingleRowTail>(ref bias, out TailQuads q);
        BiasSingles<SingleRowTail>(ref bias, out TailSingles s);

        nuint ai = 0, bi = 0, k = 0;
        do
        {
            LoadFull<SingleRowTail>(ref b, bi, out TVector bf);
            LoadQuads<SingleRowTail>(ref b, bi, out TailQuads bq);
            LoadSingles<SingleRowTail>(ref b, bi, out TailSingles bs);
            TailStep<SingleRowTail>(ref a, ai, 0, bf, bq, bs, ref f0, ref q, ref s);
            if (SingleRowTail.Full > 1)
            {
                // The other full vectors; their broadcast exists only if they do.
                TVector wide = TSimd.Broadcast(Unsafe.Add(ref a, ai));
                f1 = TSimd.MultiplyAdd(wide, TSimd.Load(ref b, bi + f + lanes), f1);
                if (SingleRowTail.Full > 2)
                {
                    f2 = TSimd.MultiplyAdd(wide, TSimd.Load(ref b, bi + f + (2 * lanes)), f2);
                }

                if (SingleRowTail.Full > 3)
                {
                    f3 = TSimd.MultiplyAdd(wide, TSimd.Load(ref b, bi + f + (3 * lanes)), f3);
                }

                if (SingleRowTail.Full > 4)
                {
                    f4 = TSimd.MultiplyAdd(wide, TSimd.Load(ref b, bi + f + (4 * lanes)), f4);
                }

                if (SingleRowTail.Full > 5)
                {
                    f5 = TSimd.MultiplyAdd(wide, TSimd.Load(ref b, bi + f + (5 * lanes)), f5);
                }

                if (SingleRowTail.Full > 6)
                {
                    f6 = TSimd.MultiplyAdd(wide, TSimd.Load(ref b, bi + f + (6 * lanes)), f6);
                }
            }

            ai += aStep;
            bi += n;
        }
        while (++k < depth);

        StoreTailRow<SingleRowTail>(f0, q, s, ref c, 0);
        if (SingleRowTail.Full > 1)
        {
            Activate<TSimd, TVector>(ref f1);
            TSimd.Store(f1, ref c, f + lanes);
        }

        if (SingleRowTail.Full > 2)
        {
            Activate<TSimd, TVector>(ref f2);
            TSimd.Store(f2, ref c, f + (2 * lanes));
        }

        if (SingleRowTail.Full > 3)
        {
            Activate<TSimd, TVector>(ref f3);
            TSimd.Store(f3, ref c, f + (3 * lanes));
        }

        if (SingleRowTail.Full > 4)
        {
            Activate<TSimd, TVector>(ref f4);
            TSimd.Store(f4, ref c, f + (4 * lanes));
        }

        if (SingleRowTail.Full > 5)
        {
            Activate<TSimd, TVector>(ref f5);
            TSimd.Store(f5, ref c, f + (5 * lanes));
        }

        if (SingleRowTail.Full > 6)
        {
            Activate<TSimd, TVector>(ref f6);
            TSimd.Store(f6, ref c, f + (6 * lanes));
        }
    }
}
