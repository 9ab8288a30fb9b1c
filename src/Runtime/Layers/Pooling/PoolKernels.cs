using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// Max and average pooling over channels-last images (<c>[height, width, channels]</c> per sample), forward and backward,
/// vectorised over the channels of a pixel.
/// </summary>
public static partial class PoolKernels
{
    /// <summary>Each window's largest value, per channel (NaN when the window holds one, as <see cref="MathF.Max"/>).</summary>
    /// <remarks>
    /// Vectorised over channels with <see cref="Vector.Max{T}"/>, whose result is <see cref="MathF.Max"/>'s in every lane
    /// (NaN propagates, +0 is above -0); the channels past the last whole vector one at a time with MathF.Max.
    /// </remarks>
    public static void MaxForward(ReadOnlySpan<float> x, Span<float> y, int count, PoolGeometry geometry)
    {
        Check(x.Length, y.Length, count, geometry);
        int channels = geometry.Channels;
        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<float> image = x.Slice(sample * geometry.InputSize, geometry.InputSize);
            for (int oy = 0; oy < geometry.OutputHeight; oy++)
            {
                for (int ox = 0; ox < geometry.OutputWidth; ox++)
                {
                    Span<float> output = y.Slice(((((sample * geometry.OutputHeight) + oy) * geometry.OutputWidth) + ox) * channels, channels);
                    (int firstPixel, int rows, int columns) = ClippedWindow(oy, ox, geometry);
                    MaxOfWindow(image, firstPixel * channels, rows, columns, output, geometry);
                }
            }
        }
    }

    /// <summary>
    /// A window clipped to the image: its first pixel inside the image (row-major index) and how many of its rows and
    /// columns lie inside. Padding is never part of a window's maximum, so the taps visited are exactly these.
    /// </summary>
    private static (int FirstPixel, int Rows, int Columns) ClippedWindow(int oy, int ox, PoolGeometry geometry)
    {
        int top = (oy * geometry.Stride) - geometry.Padding, left = (ox * geometry.Stride) - geometry.Padding;
        int firstRow = Math.Max(top, 0), firstColumn = Math.Max(left, 0);
        int rows = Math.Min(top + geometry.Pool, geometry.Height) - firstRow;
        int columns = Math.Min(left + geometry.Pool, geometry.Width) - firstColumn;
        return ((firstRow * geometry.Width) + firstColumn, rows, columns);
    }

    /// <summary>
    /// One window's maxima, per channel, over its <paramref name="rows"/> × <paramref name="columns"/> taps inside the
    /// image in row-major order, starting at <paramref name="start"/> in <paramref name="image"/>; read through
    /// references, the bounds checked once.
    /// </summary>
    private static void MaxOfWindow(ReadOnlySpan<float> image, int start, int rows, int columns, Span<float> output, PoolGeometry geometry)
    {
        int channels = geometry.Channels, rowStride = geometry.Width * channels;
        if (output.Length < channels || (rows > 0 && columns > 0 && image.Length < start + ((rows - 1) * rowStride) + (columns * channels)))
        {
            throw new ArgumentException("The window or the output is shorter than the geometry says.");
        }

        ref float first = ref Unsafe.Add(ref MemoryMarshal.GetReference(image), rows > 0 && columns > 0 ? start : 0);
        ref float result = ref MemoryMarshal.GetReference(output);
        int c = 0;
        for (; c <= channels - Vector<float>.Count; c += Vector<float>.Count)
        {
            var maximum = new Vector<float>(float.NegativeInfinity);
            for (int ky = 0; ky < rows; ky++)
            {
                for (int kx = 0; kx < columns; kx++)
                {
                    maximum = Vector.Max(maximum, Vector.LoadUnsafe(ref first, (nuint)((ky * rowStride) + (kx * channels) + c)));
                }
            }

            maximum.StoreUnsafe(ref result, (nuint)c);
        }

        for (; c < channels; c++)
        {
            float maximum = float.NegativeInfinity;
            for (int ky = 0; ky < rows; ky++)
            {
                for (int kx = 0; kx < columns; kx++)
                {
                    maximum = MathF.Max(maximum, Unsafe.Add(ref first, (ky * rowStride) + (kx * channels) + c));
                }
            }

            Unsafe.Add(ref result, c) = maximum;
        }
    }

    /// <summary>
    /// The max-pooling input gradient, overwriting <paramref name="dx"/>: each window's output gradient goes to its first
    /// input, in row-major order, that equals the window's maximum (PyTorch's choice among ties).
    /// </summary>
    /// <remarks>
    /// Vectorised over channels: a window's positions are visited in row-major order, and a lane takes the gradient at
    /// the first position whose value equals its maximum (NaN counting as equal to a NaN maximum, as in the forward
    /// pass), then is marked as taken. The channels past the last whole vector are found one at a time, the same way.
    /// </remarks>
    public static void MaxBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int count, PoolGeometry geometry)
    {
        Check(x.Length, y.Length, count, geometry);
        Check(dx.Length, dy.Length, count, geometry);
        int channels = geometry.Channels;
        int vectorChannels = channels - (channels % Vector<float>.Count);
        dx.Slice(0, count * geometry.InputSize).Clear();
        for (int sample = 0; sample < count; sample++)
        {
            int imageStart = sample * geometry.InputSize;
            for (int oy = 0; oy < geometry.OutputHeight; oy++)
            {
                for (int ox = 0; ox < geometry.OutputWidth; ox++)
                {
                    int outputStart = ((((sample * geometry.OutputHeight) + oy) * geometry.OutputWidth) + ox) * channels;
                    (int firstPixel, int rows, int columns) = ClippedWindow(oy, ox, geometry);
                    for (int c = 0; c < vectorChannels && rows > 0 && columns > 0; c += Vector<float>.Count)
                    {
                        RouteToFirstMaxima(x, y, dy, dx, imageStart + (firstPixel * channels) + c, rows, columns, outputStart + c, geometry);
                    }

                    for (int c = vectorChannels; c < channels; c++)
                    {
                        int winner = FirstMaximum(x, imageStart, oy, ox, c, y[outputStart + c], geometry);
                        if (winner >= 0)
                        {
                            dx[winner] += dy[outputStart + c];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// One window's gradient for the <see cref="Vector{T}.Count"/> channels its taps start at: <paramref name="start"/>
    /// is its first tap inside the image, then <paramref name="rows"/> × <paramref name="columns"/> taps in row-major
    /// order, read and written through references, the bounds checked once.
    /// </summary>
    private static void RouteToFirstMaxima(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int start, int rows, int columns, int outputStart, PoolGeometry geometry)
    {
        int channels = geometry.Channels, rowStride = geometry.Width * channels;
        int end = start + ((rows - 1) * rowStride) + ((columns - 1) * channels) + Vector<float>.Count;
        if (end > x.Length || end > dx.Length || outputStart + Vector<float>.Count > y.Length || outputStart + Vector<float>.Count > dy.Length)
        {
            throw new ArgumentException("The window or the output is shorter than the geometry says.");
        }

        ref float input = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(dx);
        var maximum = new Vector<float>(y.Slice(outputStart));
        var gradient = new Vector<float>(dy.Slice(outputStart));
        Vector<int> maximumIsNaN = ~Vector.Equals(maximum, maximum);
        Vector<int> taken = Vector<int>.Zero;
        for (int ky = 0; ky < rows; ky++)
        {
            for (int kx = 0; kx < columns; kx++)
            {
                nuint index = (nuint)(start + (ky * rowStride) + (kx * channels));
                Vector<float> value = Vector.LoadUnsafe(ref input, index);
                Vector<int> isMaximum = Vector.Equals(value, maximum) | (maximumIsNaN & ~Vector.Equals(value, value));
                Vector<int> wins = Vector.AndNot(isMaximum, taken);
                (Vector.LoadUnsafe(ref target, index) + Vector.ConditionalSelect(wins, gradient, Vector<float>.Zero)).StoreUnsafe(ref target, index);
                taken |= wins;
            }
        }
    }

    /// <summary>Each window's mean, per channel; padded positions count as zeros (PyTorch's <c>count_include_pad=True</c>).</summary>
    public static void AverageForward(ReadOnlySpan<float> x, Span<float> y, int count, PoolGeometry geometry)
    {
        Check(x.Length, y.Length, count, geometry);
        int channels = geometry.Channels;
        float scale = 1f / (geometry.Pool * geometry.Pool);
        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<float> image = x.Slice(sample * geometry.InputSize, geometry.InputSize);
            for (int oy = 0; oy < geometry.OutputHeight; oy++)
            {
                for (int ox = 0; ox < geometry.OutputWidth; ox++)
                {
                    Span<float> output = y.Slice(((((sample * geometry.OutputHeight) + oy) * geometry.OutputWidth) + ox) * channels, channels);
                    output.Clear();
                    for (int ky = 0; ky < geometry.Pool; ky++)
                    {
                        int iy = (oy * geometry.Stride) - geometry.Padding + ky;
                        for (int kx = 0; kx < geometry.Pool && (uint)iy < (uint)geometry.Height; kx++)
                        {
                            int ix = (ox * geometry.Stride) - geometry.Padding + kx;
                            if ((uint)ix < (uint)geometry.Width)
                            {
                                TensorPrimitives.Add(output, image.Slice(((iy * geometry.Width) + ix) * channels, channels), output);
                            }
                        }
                    }

                    TensorPrimitives.Multiply(output, scale, output);
                }
            }
        }
    }

    /// <summary>The average-pooling input gradient, overwriting <paramref name="dx"/>: each window's gradient shared equally by its positions.</summary>
    public static void AverageBackward(ReadOnlySpan<float> dy, Span<float> dx, int count, PoolGeometry geometry)
    {
        Check(dx.Length, dy.Length, count, geometry);
        int channels = geometry.Channels;
        float scale = 1f / (geometry.Pool * geometry.Pool);
        dx.Slice(0, count * geometry.InputSize).Clear();
        for (int sample = 0; sample < count; sample++)
        {
            Span<float> image = dx.Slice(sample * geometry.InputSize, geometry.InputSize);
            for (int oy = 0; oy < geometry.OutputHeight; oy++)
            {
                for (int ox = 0; ox < geometry.OutputWidth; ox++)
                {
                    ReadOnlySpan<float> gradient = dy.Slice(((((sample * geometry.OutputHeight) + oy) * geometry.OutputWidth) + ox) * channels, channels);
                    for (int ky = 0; ky < geometry.Pool; ky++)
                    {
                        int iy = (oy * geometry.Stride) - geometry.Padding + ky;
                        for (int kx = 0; kx < geometry.Pool && (uint)iy < (uint)geometry.Height; kx++)
                        {
                            int ix = (ox * geometry.Stride) - geometry.Padding + kx;
                            if ((uint)ix < (uint)geometry.Width)
                            {
                                Span<float> target = image.Slice(((iy * geometry.Width) + ix) * channels, channels);
                                TensorPrimitives.FusedMultiplyAdd(gradient, scale, target, target);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Each channel's mean over the whole image: <paramref name="count"/> images of <paramref name="positions"/> pixels to rows of <paramref name="channels"/>.</summary>
    public static void GlobalAverageForward(ReadOnlySpan<float> x, Span<float> y, int count, int positions, int channels)
    {
        CheckGlobal(x.Length, y.Length, count, positions, channels);
        for (int sample = 0; sample < count; sample++)
        {
            Span<float> output = y.Slice(sample * channels, channels);
            output.Clear();
            for (int p = 0; p < positions; p++)
            {
                TensorPrimitives.Add(output, x.Slice(((sample * positions) + p) * channels, channels), output);
            }

            TensorPrimitives.Multiply(output, 1f / positions, output);
        }
    }

    /// <summary>The global-average input gradient, overwriting <paramref name="dx"/>: every pixel gets its channel's gradient / positions.</summary>
    public static void GlobalAverageBackward(ReadOnlySpan<float> dy, Span<float> dx, int count, int positions, int channels)
    {
        CheckGlobal(dx.Length, dy.Length, count, positions, channels);
        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<float> gradient = dy.Slice(sample * channels, channels);
            for (int p = 0; p < positions; p++)
            {
                TensorPrimitives.Multiply(gradient, 1f / positions, dx.Slice(((sample * positions) + p) * channels, channels));
            }
        }
    }

    private static int FirstMaximum(ReadOnlySpan<float> x, int imageStart, int oy, int ox, int channel, float maximum, PoolGeometry geometry)
    {
        for (int ky = 0; ky < geometry.Pool; ky++)
        {
            int iy = (oy * geometry.Stride) - geometry.Padding + ky;
            for (int kx = 0; kx < geometry.Pool && (uint)iy < (uint)geometry.Height; kx++)
            {
                int ix = (ox * geometry.Stride) - geometry.Padding + kx;
                int index = imageStart + (((iy * geometry.Width) + ix) * geometry.Channels) + channel;
                if ((uint)ix < (uint)geometry.Width && (x[index] == maximum || (float.IsNaN(maximum) && float.IsNaN(x[index]))))
                {
                    return index;
                }
            }
        }

        return -1;
    }

    private static void Check(int input, int output, int count, PoolGeometry geometry)
    {
        if (count < 0 || geometry.Pool <= 0 || geometry.Stride <= 0 || geometry.OutputHeight <= 0 || geometry.OutputWidth <= 0
            || input < (long)count * geometry.InputSize || output < (long)count * geometry.OutputSize)
        {
            throw new ArgumentException($"Pooling {geometry}: a span is shorter than {count} samples need, or the geometry has no output.");
        }
    }

    private static void CheckGlobal(int input, int output, int count, int positions, int channels)
    {
        if (count < 0 || positions <= 0 || channels <= 0 || input < (long)count * positions * channels || output < (long)count * channels)
        {
            throw new ArgumentException($"Global average pooling of {positions} pixels × {channels} channels: a span is shorter than {count} samples need.");
        }
    }
}
