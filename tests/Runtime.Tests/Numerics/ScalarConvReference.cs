namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>
/// A deliberately plain, double-precision 2-D convolution written from PyTorch's definition of <c>nn.Conv2d</c> (nested
/// loops, no SIMD, no patches): the independent reference the runtime's convolution kernels are compared with. It keeps
/// PyTorch's own layouts, not the runtime's, so that nothing about the kernels' storage leaks into it: images are
/// <c>x[sample, channel, row, column]</c> (NCHW), the weight is <c>w[filter, channel in its group, kernel row, kernel
/// column]</c> and the bias <c>b[filter]</c>.
/// </summary>
/// <remarks>
/// <c>y[n, f, oy, ox] = b[f] + Σ_{c, ky, kx} x[n, g·Cg + c, oy·s − top + ky·d, ox·s − left + kx·d] · w[f, c, ky, kx]</c>
/// where g = f / (F / groups) is the filter's group and Cg = C / groups its channels; a tap outside the image reads a
/// zero. The gradients are the same sum read the other way: every term sends <c>dy·w</c> to the input value and
/// <c>dy·x</c> to the weight it multiplied, and every output sends <c>dy</c> to its filter's bias.
/// </remarks>
internal static class ScalarConvReference
{
    /// <summary>Forward: <c>y[count, filters, outputHeight, outputWidth]</c> before any activation (the bias ignored without one).</summary>
    public static double[] Forward(Geometry g, float[] x, float[] w, float[] bias, bool hasBias, int count)
    {
        var y = new double[count * g.OutputSize];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = hasBias ? bias[i / (g.OutputHeight * g.OutputWidth) % g.Filters] : 0;
        }

        ForEachTerm(g, count, (n, f, oy, ox, c, ky, kx, iy, ix) =>
            y[g.OutputIndex(n, f, oy, ox)] += (double)x[g.InputIndex(n, g.Channel(f, c), iy, ix)] * w[g.WeightIndex(f, c, ky, kx)]);
        return y;
    }

    /// <summary>∂x: for every term of the forward sum, <c>dy · w</c> added to the input value it read.</summary>
    public static double[] InputGradient(Geometry g, float[] dy, float[] w, int count)
    {
        var dx = new double[count * g.InputSize];
        ForEachTerm(g, count, (n, f, oy, ox, c, ky, kx, iy, ix) =>
            dx[g.InputIndex(n, g.Channel(f, c), iy, ix)] += (double)dy[g.OutputIndex(n, f, oy, ox)] * w[g.WeightIndex(f, c, ky, kx)]);
        return dx;
    }

    /// <summary>∂w, in PyTorch's layout <c>[filter, channel in its group, kernel row, kernel column]</c>: for every term, <c>dy · x</c>.</summary>
    public static double[] WeightGradient(Geometry g, float[] x, float[] dy, int count)
    {
        var dw = new double[g.WeightSize];
        ForEachTerm(g, count, (n, f, oy, ox, c, ky, kx, iy, ix) =>
            dw[g.WeightIndex(f, c, ky, kx)] += (double)dy[g.OutputIndex(n, f, oy, ox)] * x[g.InputIndex(n, g.Channel(f, c), iy, ix)]);
        return dw;
    }

    /// <summary>∂b: each filter's output gradients summed over every sample and pixel.</summary>
    public static double[] BiasGradient(Geometry g, float[] dy, int count)
    {
        var db = new double[g.Filters];
        for (int n = 0; n < count; n++)
        {
            for (int f = 0; f < g.Filters; f++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        db[f] += dy[g.OutputIndex(n, f, oy, ox)];
                    }
                }
            }
        }

        return db;
    }

    /// <summary>One term of the forward sum: output (n, f, oy, ox), tap (c, ky, kx), and the input pixel (iy, ix) it reads.</summary>
    private delegate void Term(int n, int f, int oy, int ox, int c, int ky, int kx, int iy, int ix);

    /// <summary>Visits every term of the forward sum that reads the image, not the padding.</summary>
    private static void ForEachTerm(Geometry g, int count, Term term)
    {
        for (int n = 0; n < count; n++)
        {
            for (int f = 0; f < g.Filters; f++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        for (int c = 0; c < g.GroupChannels; c++)
                        {
                            for (int ky = 0; ky < g.Kernel; ky++)
                            {
                                for (int kx = 0; kx < g.Kernel; kx++)
                                {
                                    if (g.TryInput(oy, ox, ky, kx, out int iy, out int ix))
                                    {
                                        term(n, f, oy, ox, c, ky, kx, iy, ix);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// One convolution's geometry as PyTorch's <c>nn.Conv2d</c> takes it, with the zeros on each side given apart (so a
    /// SAME_UPPER padding, one more at the bottom and right, can be written down).
    /// </summary>
    public sealed record Geometry(
        int Channels, int Height, int Width, int Filters, int Kernel, int Stride, int Dilation, int Groups,
        int PadTop, int PadLeft, int PadBottom, int PadRight)
    {
        /// <summary>PyTorch's output rows: ⌊(H + top + bottom − d·(K − 1) − 1) / s⌋ + 1.</summary>
        public int OutputHeight => ((Height + PadTop + PadBottom - (Dilation * (Kernel - 1)) - 1) / Stride) + 1;

        /// <summary>PyTorch's output columns: ⌊(W + left + right − d·(K − 1) − 1) / s⌋ + 1.</summary>
        public int OutputWidth => ((Width + PadLeft + PadRight - (Dilation * (Kernel - 1)) - 1) / Stride) + 1;

        /// <summary>Input channels each filter sees.</summary>
        public int GroupChannels => Channels / Groups;

        public int InputSize => Channels * Height * Width;

        public int OutputSize => Filters * OutputHeight * OutputWidth;

        public int WeightSize => Filters * GroupChannels * Kernel * Kernel;

        /// <summary>The input channel that channel <paramref name="c"/> of filter <paramref name="f"/>'s group is.</summary>
        public int Channel(int f, int c) => (f / (Filters / Groups) * GroupChannels) + c;

        /// <summary>The input pixel under tap (<paramref name="ky"/>, <paramref name="kx"/>) of output (<paramref name="oy"/>, <paramref name="ox"/>); false on the padding.</summary>
        public bool TryInput(int oy, int ox, int ky, int kx, out int iy, out int ix)
        {
            iy = (oy * Stride) - PadTop + (ky * Dilation);
            ix = (ox * Stride) - PadLeft + (kx * Dilation);
            return iy >= 0 && iy < Height && ix >= 0 && ix < Width;
        }

        public int InputIndex(int n, int c, int iy, int ix) => (((((n * Channels) + c) * Height) + iy) * Width) + ix;

        public int OutputIndex(int n, int f, int oy, int ox) => (((((n * Filters) + f) * OutputHeight) + oy) * OutputWidth) + ox;

        public int WeightIndex(int f, int c, int ky, int kx) => (((((f * GroupChannels) + c) * Kernel) + ky) * Kernel) + kx;
    }
}
