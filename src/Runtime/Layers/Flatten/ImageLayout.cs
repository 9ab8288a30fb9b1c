using System;

namespace Neuroslyn.Kernels;

/// <summary>
/// Moves images between PyTorch's channels-first order (<c>[channels, height, width]</c>: a network's input, and what
/// Flatten hands a dense layer) and the channels-last order the convolution and pooling kernels keep inside
/// (<c>[height, width, channels]</c>).
/// </summary>
public static class ImageLayout
{
    /// <summary>Channels-first to channels-last, for <paramref name="count"/> images of <paramref name="positions"/> pixels.</summary>
    public static void ToChannelsLast(ReadOnlySpan<float> channelsFirst, Span<float> channelsLast, int count, int channels, int positions)
        => Transpose(channelsFirst, channelsLast, count, channels, positions);

    /// <summary>Channels-last to channels-first, for <paramref name="count"/> images of <paramref name="positions"/> pixels.</summary>
    public static void ToChannelsFirst(ReadOnlySpan<float> channelsLast, Span<float> channelsFirst, int count, int channels, int positions)
        => Transpose(channelsLast, channelsFirst, count, positions, channels);

    /// <summary>Transposes each of <paramref name="count"/> row-major <paramref name="rows"/> × <paramref name="columns"/> matrices.</summary>
    private static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int count, int rows, int columns)
    {
        int size = rows * columns;
        if (count < 0 || source.Length < (long)count * size || destination.Length < (long)count * size)
        {
            throw new ArgumentException($"Image layout: a span is shorter than {count} images of {rows} × {columns} values.");
        }

        if (rows == 1 || columns == 1)
        {
            source.Slice(0, count * size).CopyTo(destination);
            return;
        }

        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<float> from = source.Slice(sample * size, size);
            Span<float> to = destination.Slice(sample * size, size);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    to[(c * rows) + r] = from[(r * columns) + c];
                }
            }
        }
    }
}
