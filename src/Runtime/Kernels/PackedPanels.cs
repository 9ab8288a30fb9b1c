using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Neuroslyn.Kernels;

/// <summary>
/// The layout a frozen network (<see cref="ICompiledNetwork{TSelf}.Freeze"/>) keeps its weight matrices in: the
/// column panels that the generated batched products would otherwise copy out of W on every call, copied once.
/// </summary>
public static class PackedPanels
{
    /// <summary>
    /// Copies the whole column panels of the row-major matrix <paramref name="weights"/> (<paramref name="depth"/> ×
    /// <paramref name="columns"/>) to <paramref name="packed"/>: panel <c>j / panelColumns</c> is the
    /// <paramref name="depth"/> × <paramref name="panelColumns"/> block of columns j..j + panelColumns - 1, its rows
    /// adjacent, so column j of row k lands at <c>j·depth + k·panelColumns + (column - j)</c>. Columns after the last
    /// whole panel are not copied (the kernels read them from W in place); the rest of <paramref name="packed"/> is
    /// left as it was.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An extent is not positive.</exception>
    /// <exception cref="ArgumentException">A span is shorter than the shape requires.</exception>
    public static void Pack(ReadOnlySpan<float> weights, int depth, int columns, int panelColumns, Span<float> packed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(panelColumns);
        long size = (long)depth * columns;
        if (weights.Length < size || packed.Length < size)
        {
            throw new ArgumentException($"Packing a {depth} × {columns} matrix needs {size} values in each span, but the weights hold {weights.Length} and the packed span {packed.Length}.");
        }

        int wholePanels = columns / panelColumns * panelColumns;
        for (int j = 0; j < wholePanels; j += panelColumns)
        {
            Span<float> panel = packed.Slice(j * depth, depth * panelColumns);
            for (int k = 0; k < depth; k++)
            {
                weights.Slice((k * columns) + j, panelColumns).CopyTo(panel.Slice(k * panelColumns, panelColumns));
            }
        }
    }

    /// <summary>
    /// Copies one depth block of one column panel of B = Mᵀ out of M itself, for the input gradient <c>δ·Wᵀ</c>, which
    /// reads the weights transposed: <c>panel[k·panelColumns + c] = m[(column + c)·depthStride + k0 + k]</c> for k in
    /// [0, <paramref name="depth"/>) and c in [0, <paramref name="panelColumns"/>). Each of the panel's columns is a row
    /// of M, read in runs; on AVX processors 8 × 8 blocks are transposed in registers, so that neither side is walked
    /// a whole row of M apart (that is how a separate transpose of M into a buffer, then a copy of the panel, went).
    /// The generated kernels call this; the caller has checked every extent.
    /// </summary>
    public static void PackTransposed(ref float m, nuint depthStride, nuint column, nuint k0, nuint depth, nuint panelColumns, ref float panel)
    {
        ref float start = ref Unsafe.Add(ref m, (column * depthStride) + k0);
        nuint blockedColumns = Avx.IsSupported ? panelColumns / 8 * 8 : 0;
        nuint blockedDepth = Avx.IsSupported ? depth / 8 * 8 : 0;
        for (nuint c = 0; c < blockedColumns; c += 8)
        {
            for (nuint k = 0; k < blockedDepth; k += 8)
            {
                TransposeBlock8(ref Unsafe.Add(ref start, (c * depthStride) + k), (int)depthStride, ref Unsafe.Add(ref panel, (k * panelColumns) + c), (int)panelColumns);
            }
        }

        // What the blocks leave: the deepest rows of the blocked columns, then every row of the other columns.
        for (nuint c = 0; c < panelColumns; c++)
        {
            for (nuint k = c < blockedColumns ? blockedDepth : 0; k < depth; k++)
            {
                Unsafe.Add(ref panel, (k * panelColumns) + c) = Unsafe.Add(ref start, (c * depthStride) + k);
            }
        }
    }

    /// <summary>Transposes one 8 × 8 block: the unpack / shuffle / lane-swap sequence of the classic AVX transpose.</summary>
    private static void TransposeBlock8(ref float from, int fromStride, ref float to, int toStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref from);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref from, (nuint)fromStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref from, (nuint)(2 * fromStride));
        Vector256<float> r3 = Vector256.LoadUnsafe(ref from, (nuint)(3 * fromStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref from, (nuint)(4 * fromStride));
        Vector256<float> r5 = Vector256.LoadUnsafe(ref from, (nuint)(5 * fromStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref from, (nuint)(6 * fromStride));
        Vector256<float> r7 = Vector256.LoadUnsafe(ref from, (nuint)(7 * fromStride));

        // Pairs of rows interleaved: t0 = a0 b0 a1 b1 | a4 b4 a5 b5, and so on.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // Quads: u0 = a0 b0 c0 d0 | a4 b4 c4 d4, and so on.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0b01_00_01_00), u1 = Avx.Shuffle(t0, t2, 0b11_10_11_10);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0b01_00_01_00), u3 = Avx.Shuffle(t1, t3, 0b11_10_11_10);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0b01_00_01_00), u5 = Avx.Shuffle(t4, t6, 0b11_10_11_10);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0b01_00_01_00), u7 = Avx.Shuffle(t5, t7, 0b11_10_11_10);

        // Low 128-bit halves of the first four rows with those of the last four make columns 0-3, high halves 4-7.
        Vector256.StoreUnsafe(Avx.Permute2x128(u0, u4, 0x20), ref to);
        Vector256.StoreUnsafe(Avx.Permute2x128(u1, u5, 0x20), ref to, (nuint)toStride);
        Vector256.StoreUnsafe(Avx.Permute2x128(u2, u6, 0x20), ref to, (nuint)(2 * toStride));
        Vector256.StoreUnsafe(Avx.Permute2x128(u3, u7, 0x20), ref to, (nuint)(3 * toStride));
        Vector256.StoreUnsafe(Avx.Permute2x128(u0, u4, 0x31), ref to, (nuint)(4 * toStride));
        Vector256.StoreUnsafe(Avx.Permute2x128(u1, u5, 0x31), ref to, (nuint)(5 * toStride));
        Vector256.StoreUnsafe(Avx.Permute2x128(u2, u6, 0x31), ref to, (nuint)(6 * toStride));
        Vector256.StoreUnsafe(Avx.Permute2x128(u3, u7, 0x31), ref to, (nuint)(7 * toStride));
    }
}
