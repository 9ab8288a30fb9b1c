using System;
using Neuroslyn.Kernels;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>The shared matrix helpers against element-by-element definitions.</summary>
public sealed class MatrixKernelsTests
{
    /// <summary>
    /// Shapes that exercise the 8 × 8 register blocks alone, the columns right of them, the rows below them, both, and
    /// matrices smaller than one block; a transpose moves values, so the result must equal the definition exactly.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(8, 8)]
    [InlineData(8, 13)]
    [InlineData(19, 8)]
    [InlineData(17, 23)]
    [InlineData(64, 128)]
    [InlineData(784, 10)]
    [InlineData(10, 784)]
    [InlineData(256, 256)]
    public void Transpose_equals_the_definition(int rows, int columns)
    {
        var random = new Random(rows * 1000 + columns);
        float[] source = new float[rows * columns];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = (float)random.NextDouble() - 0.5f;
        }

        // One value past the matrix, which the transpose must leave alone.
        float[] destination = new float[rows * columns + 1];
        destination[^1] = 42f;
        MatrixKernels.Transpose(source, rows, columns, destination);

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(source[r * columns + c], destination[c * rows + r]);
            }
        }

        Assert.Equal(42f, destination[^1]);
    }

    [Fact]
    public void Transpose_rejects_spans_shorter_than_the_matrix()
    {
        var error = Assert.Throws<ArgumentException>(() => MatrixKernels.Transpose(new float[11], 3, 4, new float[12]));
        Assert.Contains("3 × 4", error.Message);
    }
}
