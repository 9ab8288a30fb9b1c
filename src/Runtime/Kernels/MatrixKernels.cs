using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>Small matrix helpers the generated code shares; the matrix products themselves are generated.</summary>
public static class MatrixKernels
{
    private const int Block = 32;

    /// <summary>Writes the transpose of the row-major <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    public static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        if (source.Length < rows * columns || destination.Length < rows * columns)
        {
            throw new ArgumentException($"Transposing a {rows} × {columns} matrix needs {rows * columns} values in and out.");
        }

        // Blocked so that both the reads and the writes stay within a few cache lines at a time.
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            int r1 = Math.Min(r0 + Block, rows);
            for (int c0 = 0; c0 < columns; c0 += Block)
            {
                int c1 = Math.Min(c0 + Block, columns);
                for (int r = r0; r < r1; r++)
                {
                    for (int c = c0; c < c1; c++)
                    {
                        destination[c * rows + r] = source[r * columns + c];
                    }
                }
            }
        }
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
