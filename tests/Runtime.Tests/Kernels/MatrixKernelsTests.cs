using System;
using Neuroslyn.Kernels;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>The shared matrix helpers against element-by-element definitions.</summary>
public sealed class MatrixKernelsTests
{
    [Fact]
    public void ColumnSums_equals_the_definition()
    {
        const int rows = 13, columns = 37;
        var random = new Random(5);
        float[] matrix = new float[rows * columns];
        for (int i = 0; i < matrix.Length; i++)
        {
            matrix[i] = (float)random.NextDouble() - 0.5f;
        }

        // Starts from garbage, which the sums must replace, and one value past them that they must leave alone.
        float[] sums = new float[columns + 1];
        Array.Fill(sums, 42f);
        MatrixKernels.ColumnSums(matrix, rows, columns, sums);
        for (int c = 0; c < columns; c++)
        {
            double expected = 0;
            for (int r = 0; r < rows; r++)
            {
                expected += matrix[r * columns + c];
            }

            Assert.Equal(expected, sums[c], 1e-5);
        }

        Assert.Equal(42f, sums[^1]);
    }

    [Fact]
    public void ColumnSums_rejects_spans_shorter_than_the_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => MatrixKernels.ColumnSums(new float[11], 3, 4, new float[4]));
        Assert.Contains("3 × 4", error.Message);
        Assert.Throws<ArgumentException>(() => MatrixKernels.ColumnSums(new float[12], 3, 4, new float[3]));
    }
}
