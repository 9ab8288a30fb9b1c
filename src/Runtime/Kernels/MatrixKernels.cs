using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>Small matrix helpers the generated code shares; the matrix products themselves are generated.</summary>
public static class MatrixKernels
{
    /// <summary>Sums the rows of a row-major matrix: <c>sums[c] = Σ_r m[r, c]</c>.</summary>
    /// <exception cref="ArgumentException">A span is shorter than the shape requires.</exception>
    public static void ColumnSums(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> sums)
    {
        if (rows < 0 || columns < 0 || matrix.Length < (long)rows * columns || sums.Length < columns)
        {
            throw new ArgumentException($"Summing the columns of a {rows} × {columns} matrix needs {(long)rows * columns} values in and {columns} sums out, but the spans hold {matrix.Length} and {sums.Length}.");
        }

        // Only the first `columns` sums: a longer span's other values are left alone.
        Span<float> target = sums.Slice(0, columns);
        target.Clear();
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(target, matrix.Slice(r * columns, columns), target);
        }
    }
}
