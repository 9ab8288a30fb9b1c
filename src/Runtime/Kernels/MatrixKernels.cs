using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Neuroslyn.Kernels;

/// <summary>Small matrix helpers the generated code shares; the matrix products themselves are generated.</summary>
public static class MatrixKernels
{
    /// <summary>Writes the transpose of the row-major <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    public static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        if (rows < 0 || columns < 0 || source.Length < (long)rows * columns || destination.Length < (long)rows * columns)
        {
            throw new ArgumentException($"Transposing a {rows} × {columns} matrix needs {(long)rows * columns} values in and out.");
        }

        ref float from = ref MemoryMarshal.GetReference(source);
        ref float to = ref MemoryMarshal.GetReference(destination);
        int fullRows = rows - rows % 8;
        int fullColumns = columns - columns % 8;

        // 8 × 8 blocks in registers: each block reads eight 32-byte runs and writes eight. Element by element, the
        // writes of a large matrix go a whole row of the destination apart, a power of two for wide layers, and
        // land in a few cache sets that evict each other (a 1024 × 1024 transpose took 4.5 ms that way, 15% of
        // a training step of three such layers). Without AVX the blocks go element by element, still 8 × 8 at a time.
        for (int r = 0; r < fullRows; r += 8)
        {
            for (int c = 0; c < fullColumns; c += 8)
            {
                if (Avx.IsSupported)
                {
                    TransposeBlock8(ref Unsafe.Add(ref from, (nint)r * columns + c), columns, ref Unsafe.Add(ref to, (nint)c * rows + r), rows);
                }
                else
                {
                    TransposeElements(ref from, ref to, rows, columns, r, r + 8, c, c + 8);
                }
            }
        }

        // What the blocks leave: the columns right of them on every row, then the rows below them.
        TransposeElements(ref from, ref to, rows, columns, 0, fullRows, fullColumns, columns);
        TransposeElements(ref from, ref to, rows, columns, fullRows, rows, 0, columns);
    }

    private static void TransposeElements(ref float from, ref float to, int rows, int columns, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        for (int r = rowStart; r < rowEnd; r++)
        {
            for (int c = columnStart; c < columnEnd; c++)
            {
                Unsafe.Add(ref to, (nint)c * rows + r) = Unsafe.Add(ref from, (nint)r * columns + c);
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

    /// <summary>Sums the rows of a row-major matrix: <c>sums[c] = Σ_r m[r, c]</c>.</summary>
    public static void ColumnSums(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> sums)
    {
        sums.Slice(0, columns).Clear();
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, matrix.Slice(r * columns, columns), sums);
        }
    }
}
