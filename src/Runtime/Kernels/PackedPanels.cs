using System;

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
}
