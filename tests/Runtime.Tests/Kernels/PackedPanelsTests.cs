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
}
