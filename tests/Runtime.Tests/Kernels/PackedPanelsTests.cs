using System;
using Neuroslyn.Kernels;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>The frozen network's weight layout, checked element by element against its definition.</summary>
public sealed class PackedPanelsTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 16, 16)]
    [InlineData(7, 37, 8)]
    [InlineData(784, 128, 32)]
    [InlineData(5, 10, 16)]
    public void Each_whole_panel_is_a_block_of_adjacent_rows_and_the_rest_is_left_alone(int depth, int columns, int panelColumns)
    {
        float[] weights = new float[depth * columns];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = i + 1;
        }

        float[] packed = new float[depth * columns];
        Array.Fill(packed, -1f);

        PackedPanels.Pack(weights, depth, columns, panelColumns, packed);

        int whole = columns / panelColumns * panelColumns;
        var written = new bool[packed.Length];
        for (int k = 0; k < depth; k++)
        {
            for (int column = 0; column < whole; column++)
            {
                int panelStart = column / panelColumns * panelColumns;
                int at = (panelStart * depth) + (k * panelColumns) + (column - panelStart);
                Assert.Equal(weights[(k * columns) + column], packed[at]);
                written[at] = true;
            }
        }

        for (int i = 0; i < packed.Length; i++)
        {
            Assert.True(written[i] || packed[i] == -1f, $"Place {i} is outside every panel but was written ({packed[i]}).");
        }
    }

    [Fact]
    public void Short_spans_are_refused_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => PackedPanels.Pack(new float[11], 3, 4, 2, new float[12]));
        Assert.Contains("12 values", error.Message);
        Assert.Contains("hold 11", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PackedPanels.Pack(new float[4], 2, 2, 0, new float[4]));
    }

    /// <summary>
    /// Panel blocks of Bᵀ copied out of M: shapes for the 8 × 8 register blocks alone, for the columns and the depth they
    /// leave (a panel narrower than 8 or not a multiple of it, a depth not a multiple of 8), and a block that starts
    /// inside M (column and k0 not 0). It moves values, so each must equal the definition exactly; the places after
    /// the panel are left alone.
    /// </summary>
    [Theory]
    [InlineData(8, 8, 0, 0, 8, 8)]
    [InlineData(16, 64, 0, 0, 64, 16)]
    [InlineData(40, 100, 16, 24, 61, 16)]
    [InlineData(37, 45, 3, 5, 19, 2)]
    [InlineData(70, 33, 32, 0, 33, 36)]
    [InlineData(64, 1024, 32, 512, 512, 32)]
    public void PackTransposed_copies_panel_columns_from_rows_of_M(int rows, int depthStride, int column, int k0, int depth, int panelColumns)
    {
        float[] m = new float[rows * depthStride];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = i + 1;
        }

        float[] panel = new float[(depth * panelColumns) + 1];
        panel[^1] = -1f;

        PackedPanels.PackTransposed(ref m[0], (nuint)depthStride, (nuint)column, (nuint)k0, (nuint)depth, (nuint)panelColumns, ref panel[0]);

        for (int k = 0; k < depth; k++)
        {
            for (int c = 0; c < panelColumns; c++)
            {
                Assert.True(
                    m[((column + c) * depthStride) + k0 + k] == panel[(k * panelColumns) + c],
                    $"Row {k}, column {c} of the panel is {panel[(k * panelColumns) + c]}, M holds {m[((column + c) * depthStride) + k0 + k]} there.");
            }
        }

        Assert.Equal(-1f, panel[^1]);
    }
}
