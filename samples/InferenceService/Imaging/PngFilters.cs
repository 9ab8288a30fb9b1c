using System;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>Undoes PNG's five row filters (None, Sub, Up, Average, Paeth) in place.</summary>
internal static class PngFilters
{
    /// <param name="filter">The row's filter byte.</param>
    /// <param name="row">The filtered row; on return, the raw bytes.</param>
    /// <param name="previous">The previous row's raw bytes (zeros above the first row).</param>
    /// <param name="step">The bytes of one pixel, at least one: how far back "left" is.</param>
    /// <param name="y">The row's index, for the message.</param>
    public static void Undo(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int step, int y)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (int i = step; i < row.Length; i++)
                {
                    row[i] += row[i - step];
                }

                break;
            case 2:
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                break;
            case 3:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= step ? row[i - step] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                break;
            case 4:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= step ? row[i - step] : 0;
                    int upLeft = i >= step ? previous[i - step] : 0;
                    row[i] += Paeth(left, previous[i], upLeft);
                }

                break;
            default:
                throw new PngException($"Row {y + 1} of the PNG has filter type {filter}; PNG defines 0 to 4: the file is corrupt.");
        }
    }

    private static byte Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
}
