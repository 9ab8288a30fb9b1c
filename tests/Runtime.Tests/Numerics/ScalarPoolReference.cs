using System;
using System.Collections.Generic;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>
/// Deliberately plain, double-precision pooling written from PyTorch's definitions (<c>nn.MaxPool2d</c>,
/// <c>nn.AvgPool2d</c> with <c>count_include_pad=True</c>, <c>nn.AdaptiveAvgPool2d(1)</c>; dilation 1, floor mode):
/// the independent reference the runtime's pooling kernels are compared with. Images are PyTorch's
/// <c>x[sample, channel, row, column]</c> (NCHW); the kernels' channels-last order is the tests' business.
/// </summary>
internal static class ScalarPoolReference
{
    /// <summary>Each window's maximum; the padding is −∞, so it never wins.</summary>
    public static double[] MaxForward(Geometry g, float[] x, int count)
    {
        var y = new double[count * g.OutputSize];
        ForEachWindow(g, count, (n, c, oy, ox) => y[g.OutputIndex(n, c, oy, ox)] = x[Winner(g, x, n, c, oy, ox)]);
        return y;
    }

    /// <summary>∂x of max pooling: each window's output gradient goes to its winner (<see cref="Winner"/>), added up where windows overlap.</summary>
    public static double[] MaxBackward(Geometry g, float[] x, float[] dy, int count)
    {
        var dx = new double[count * g.InputSize];
        ForEachWindow(g, count, (n, c, oy, ox) => dx[Winner(g, x, n, c, oy, ox)] += dy[g.OutputIndex(n, c, oy, ox)]);
        return dx;
    }

    /// <summary>Each window's mean, dividing by its whole area, padding included (<c>count_include_pad=True</c>).</summary>
    public static double[] AverageForward(Geometry g, float[] x, int count)
    {
        var y = new double[count * g.OutputSize];
        ForEachWindow(g, count, (n, c, oy, ox) =>
        {
            double sum = 0;
            foreach ((int iy, int ix) in g.Pixels(oy, ox))
            {
                sum += x[g.InputIndex(n, c, iy, ix)];
            }

            y[g.OutputIndex(n, c, oy, ox)] = sum / g.Divisor(oy, ox);
        });
        return y;
    }

    /// <summary>∂x of average pooling: each window's gradient / its area to every image pixel in it.</summary>
    public static double[] AverageBackward(Geometry g, float[] dy, int count)
    {
        var dx = new double[count * g.InputSize];
        ForEachWindow(g, count, (n, c, oy, ox) =>
        {
            foreach ((int iy, int ix) in g.Pixels(oy, ox))
            {
                dx[g.InputIndex(n, c, iy, ix)] += (double)dy[g.OutputIndex(n, c, oy, ox)] / g.Divisor(oy, ox);
            }
        });
        return dx;
    }

    /// <summary>Global average pooling: <c>y[n, c]</c>, the mean of channel c's <paramref name="positions"/> pixels.</summary>
    public static double[] GlobalAverageForward(float[] x, int count, int channels, int positions)
    {
        var y = new double[count * channels];
        for (int i = 0; i < count * channels * positions; i++)
        {
            y[i / positions] += (double)x[i] / positions;
        }

        return y;
    }

    /// <summary>∂x of global average pooling: every pixel of channel c gets <c>dy[n, c] / positions</c>.</summary>
    public static double[] GlobalAverageBackward(float[] dy, int count, int channels, int positions)
    {
        var dx = new double[count * channels * positions];
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = (double)dy[i / positions] / positions;
        }

        return dx;
    }

    /// <summary>
    /// The input index a max-pooling window takes its value and sends its gradient to, as ATen's max-pool kernels pick it:
    /// starting from −∞ and the window's first image pixel, walk the window row by row and take a value when
    /// <c>value &gt; best || isnan(value)</c>. Among equal maxima the FIRST in row-major window order wins; among NaNs the
    /// last (every NaN passes the test again).
    /// </summary>
    public static int Winner(Geometry g, float[] x, int n, int c, int oy, int ox)
    {
        double best = double.NegativeInfinity;
        int winner = -1;
        foreach ((int iy, int ix) in g.Pixels(oy, ox))
        {
            int index = g.InputIndex(n, c, iy, ix);
            winner = winner < 0 ? index : winner;
            if (x[index] > best || float.IsNaN(x[index]))
            {
                best = x[index];
                winner = index;
            }
        }

        return winner >= 0 ? winner : throw new InvalidOperationException($"Window ({oy}, {ox}) of {g} lies wholly on the padding.");
    }

    private static void ForEachWindow(Geometry g, int count, Action<int, int, int, int> window)
    {
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < g.Channels; c++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        window(n, c, oy, ox);
                    }
                }
            }
        }
    }

    /// <summary>A pooling window's geometry, as PyTorch takes it: the same padding on every side.</summary>
    public sealed record Geometry(int Channels, int Height, int Width, int Pool, int Stride, int Padding)
    {
        /// <summary>PyTorch's output rows in floor mode: ⌊(H + 2p − k) / s⌋ + 1.</summary>
        public int OutputHeight => ((Height + (2 * Padding) - Pool) / Stride) + 1;

        /// <summary>PyTorch's output columns in floor mode: ⌊(W + 2p − k) / s⌋ + 1.</summary>
        public int OutputWidth => ((Width + (2 * Padding) - Pool) / Stride) + 1;

        public int InputSize => Channels * Height * Width;

        public int OutputSize => Channels * OutputHeight * OutputWidth;

        /// <summary>
        /// The image pixels (not the padding) under window (<paramref name="oy"/>, <paramref name="ox"/>), in row-major
        /// window order.
        /// </summary>
        public (int Row, int Column)[] Pixels(int oy, int ox)
        {
            var pixels = new List<(int, int)>();
            for (int ky = 0; ky < Pool; ky++)
            {
                for (int kx = 0; kx < Pool; kx++)
                {
                    int iy = (oy * Stride) - Padding + ky, ix = (ox * Stride) - Padding + kx;
                    if (iy >= 0 && iy < Height && ix >= 0 && ix < Width)
                    {
                        pixels.Add((iy, ix));
                    }
                }
            }

            return [.. pixels];
        }

        /// <summary>
        /// PyTorch's divisor with <c>count_include_pad=True</c>: the window clipped to the padded image, its padding
        /// included. In floor mode no window passes the padding, so this is always Pool².
        /// </summary>
        public int Divisor(int oy, int ox)
        {
            int rows = Math.Min((oy * Stride) - Padding + Pool, Height + Padding) - ((oy * Stride) - Padding);
            int columns = Math.Min((ox * Stride) - Padding + Pool, Width + Padding) - ((ox * Stride) - Padding);
            return rows * columns;
        }

        public int InputIndex(int n, int c, int iy, int ix) => (((((n * Channels) + c) * Height) + iy) * Width) + ix;

        public int OutputIndex(int n, int c, int oy, int ox) => (((((n * Channels) + c) * OutputHeight) + oy) * OutputWidth) + ox;
    }
}
