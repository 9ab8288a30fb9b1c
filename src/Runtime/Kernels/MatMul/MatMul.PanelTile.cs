using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

internal static partial class MatMul<TProduct, TSimd, TVector>
{
    /// <summary>
    /// One register tile of a column panel: <typeparamref name="TRows"/> rows from row <paramref name="r"/> × the
    /// panel's two vectors from column <paramref name="j"/>, over depth block <paramref name="k0"/> (the last one if
    /// <paramref name="last"/>) of the panel's copy <paramref name="p"/> (rows of <see cref="PanelColumns"/>), its
    /// accumulators in registers for the whole block and stored once. They start from the bias (or 0) in the first
    /// depth block and from C in the others, and the fused activation waits for the last block. A is
    /// <paramref name="a"/> from <paramref name="ai"/>, a step of k <paramref name="depthStride"/> on: A itself, or its
    /// packed copy (<see cref="PacksA"/>), where a step of k is a group of six rows.
    /// </summary>
    /// <remarks>
    /// Written out for six rows; the <c>TRows.Value</c> guards fold away, leaving the tile for the row count. Each row
    /// broadcasts its value of A once per step of k and feeds both vectors of B. Conditions are statements, not
    /// <c>?:</c> expressions: the JIT gives each of those a temporary, and stops inlining in a method with too many.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PanelTile<TRows>(
        ref float a, nuint ai, nuint depthStride, ref float p, ref float bias, ref float c, nuint r, nuint j, nuint k0, nuint depth, bool last)
        where TRows : struct, ITileRows
    {
        nuint n = (nuint)TProduct.Columns, lanes = (nuint)TSimd.Lanes, panelColumns = PanelColumns;

        // Rows of A are ARowStride apart, in A itself and in its packed copy (only an A with adjacent rows is packed);
        // a step of k is depthStride: ADepthStride in A, a group of six rows in the copy.
        nuint rowStride = (nuint)TProduct.ARowStride;

        // Row i's accumulators are ci0 and ci1; the rows a tile does not have are never assigned.
        TVector c00, c01, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        TVector c40 = default, c41 = default, c50 = default, c51 = default;
        if (k0 == 0)
        {
            TVector start0 = default, start1 = default;
            LoadBias<TSimd, TVector>(ref bias, j, ref start0);
            LoadBias<TSimd, TVector>(ref bias, j + lanes, ref start1);
            c00 = start0;
            c01 = start1;
            if (TRows.Value > 1)
            {
                c10 = start0;
                c11 = start1;
            }

            if (TRows.Value > 2)
            {
                c20 = start0;
                c21 = start1;
                c30 = start0;
                c31 = start1;
            }

            if (TRows.Value > 4)
            {
                c40 = start0;
                c41 = start1;
                c50 = start0;
                c51 = start1;
            }
        }
        else
        {
            c00 = TSimd.Load(ref c, (r * n) + j);
            c01 = TSimd.Load(ref c, (r * n) + j + lanes);
            if (TRows.Value > 1)
            {
                c10 = TSimd.Load(ref c, ((r + 1) * n) + j);
                c11 = TSimd.Load(ref c, ((r + 1) * n) + j + lanes);
            }

            if (TRows.Value > 2)
            {
                c20 = TSimd.Load(ref c, ((r + 2) * n) + j);
                c21 = TSimd.Load(ref c, ((r + 2) * n) + j + lanes);
                c30 = TSimd.Load(ref c, ((r + 3) * n) + j);
                c31 = TSimd.Load(ref c, ((r + 3) * n) + j + lanes);
            }

            if (TRows.Value > 4)
            {
                c40 = TSimd.Load(ref c, ((r + 4) * n) + j);
                c41 = TSimd.Load(ref c, ((r + 4) * n) + j + lanes);
                c50 = TSimd.Load(ref c, ((r + 5) * n) + j);
                c51 = TSimd.Load(ref c, ((r + 5) * n) + j + lanes);
            }
        }

        nuint bi = 0, k = 0;
        do
        {
            TVector b0 = TSimd.Load(ref p, bi);
            TVector b1 = TSimd.Load(ref p, bi + lanes);
            TVector a0 = TSimd.Broadcast(Unsafe.Add(ref a, ai));
            c00 = TSimd.MultiplyAdd(a0, b0, c00);
            c01 = TSimd.MultiplyAdd(a0, b1, c01);

            if (TRows.Value > 1)
            {
                TVector a1 = TSimd.Broadcast(Unsafe.Add(ref a, ai + (1 * rowStride)));
                c10 = TSimd.MultiplyAdd(a1, b0, c10);
                c11 = TSimd.MultiplyAdd(a1, b1, c11);
            }

            if (TRows.Value > 2)
            {
                TVector a2 = TSimd.Broadcast(Unsafe.Add(ref a, ai + (2 * rowStride)));
                c20 = TSimd.MultiplyAdd(a2, b0, c20);
                c21 = TSimd.MultiplyAdd(a2, b1, c21);

                TVector a3 = TSimd.Broadcast(Unsafe.Add(ref a, ai + (3 * rowStride)));
                c30 = TSimd.MultiplyAdd(a3, b0, c30);
                c31 = TSimd.MultiplyAdd(a3, b1, c31);
            }

            if (TRows.Value > 4)
            {
                TVector a4 = TSimd.Broadcast(Unsafe.Add(ref a, ai + (4 * rowStride)));
                c40 = TSimd.MultiplyAdd(a4, b0, c40);
                c41 = TSimd.MultiplyAdd(a4, b1, c41);

                TVector a5 = TSimd.Broadcast(Unsafe.Add(ref a, ai + (5 * rowStride)));
                c50 = TSimd.MultiplyAdd(a5, b0, c50);
                c51 = TSimd.MultiplyAdd(a5, b1, c51);
            }

            ai += depthStride;
            bi += panelColumns;
        }
        while (++k < depth);

        if (Activates && last)
        {
            Activate<TSimd, TVector>(ref c00);
            Activate<TSimd, TVector>(ref c01);
            if (TRows.Value > 1)
            {
                Activate<TSimd, TVector>(ref c10);
                Activate<TSimd, TVector>(ref c11);
            }

            if (TRows.Value > 2)
            {
                Activate<TSimd, TVector>(ref c20);
                Activate<TSimd, TVector>(ref c21);
                Activate<TSimd, TVector>(ref c30);
                Activate<TSimd, TVector>(ref c31);
            }

            if (TRows.Value > 4)
            {
                Activate<TSimd, TVector>(ref c40);
                Activate<TSimd, TVector>(ref c41);
                Activate<TSimd, TVector>(ref c50);
                Activate<TSimd, TVector>(ref c51);
            }
        }

        TSimd.Store(c00, ref c, (r * n) + j);
        TSimd.Store(c01, ref c, (r * n) + j + lanes);
        if (TRows.Value > 1)
        {
            TSimd.Store(c10, ref c, ((r + 1) * n) + j);
            TSimd.Store(c11, ref c, ((r + 1) * n) + j + lanes);
        }

        if (TRows.Value > 2)
        {
            TSimd.Store(c20, ref c, ((r + 2) * n) + j);
            TSimd.Store(c21, ref c, ((r + 2) * n) + j + lanes);
            TSimd.Store(c30, ref c, ((r + 3) * n) + j);
            TSimd.Store(c31, ref c, ((r + 3) * n) + j + lanes);
        }

        if (TRows.Value > 4)
        {
            TSimd.Store(c40, ref c, ((r + 4) * n) + j);
            TSimd.Store(c41, ref c, ((r + 4) * n) + j + lanes);
            TSimd.Store(c50, ref c, ((r + 5) * n) + j);
            TSimd.Store(c51, ref c, ((r + 5) * n) + j + lanes);
        }
    }
}
