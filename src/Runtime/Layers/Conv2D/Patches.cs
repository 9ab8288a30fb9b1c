using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>
/// One sample's patches (the "im2col" matrix, channels-last): for each output pixel in row-major order, the input values
/// under the kernel, kernel row by kernel row, each tap's channels together; zero where a tap falls on the padding.
/// </summary>
internal static class Patches<TShape>
    where TShape : struct, IConv2DShape
{
    /// <summary>Writes the patches of the channels-last image <paramref name="x"/> to <paramref name="rows"/>.</summary>
    public static void Gather(ReadOnlySpan<float> x, Span<float> rows)
    {
        int channels = TShape.InputChannels;
        int row = 0;
        for (int oy = 0; oy < TShape.OutputHeight; oy++)
        {
            for (int ox = 0; ox < TShape.OutputWidth; ox++)
            {
                for (int ky = 0; ky < TShape.Kernel; ky++)
                {
                    int iy = (oy * TShape.Stride) - TShape.PadTop + (ky * TShape.Dilation);
                    int ix0 = (ox * TShape.Stride) - TShape.PadLeft;
                    int span = TShape.Kernel * channels;
                    if ((uint)iy >= (uint)TShape.InputHeight)
                    {
                        rows.Slice(row, span).Clear();
                    }
                    else if (TShape.Dilation == 1 && ix0 >= 0 && ix0 + TShape.Kernel <= TShape.InputWidth)
                    {
                        // The whole kernel row lies inside the image: its taps are adjacent in the input too.
                        x.Slice(((iy * TShape.InputWidth) + ix0) * channels, span).CopyTo(rows.Slice(row, span));
                    }
                    else
                    {
                        for (int kx = 0; kx < TShape.Kernel; kx++)
                        {
                            int ix = ix0 + (kx * TShape.Dilation);
                            Span<float> tap = rows.Slice(row + (kx * channels), channels);
                            if ((uint)ix < (uint)TShape.InputWidth)
                            {
                                x.Slice(((iy * TShape.InputWidth) + ix) * channels, channels).CopyTo(tap);
                            }
                            else
                            {
                                tap.Clear();
                            }
                        }
                    }

                    row += span;
                }
            }
        }
    }

    /// <summary>
    /// The reverse of <see cref="Gather"/> for gradients: overwrites <paramref name="dx"/> with the sum, for every input
    /// value, of the gradients of the patch entries it was copied to (padding's entries are dropped).
    /// </summary>
    public static void AddBack(ReadOnlySpan<float> rows, Span<float> dx)
    {
        int channels = TShape.InputChannels;
        dx.Clear();
        int row = 0;
        for (int oy = 0; oy < TShape.OutputHeight; oy++)
        {
            for (int ox = 0; ox < TShape.OutputWidth; ox++)
            {
                for (int ky = 0; ky < TShape.Kernel; ky++)
                {
                    int iy = (oy * TShape.Stride) - TShape.PadTop + (ky * TShape.Dilation);
                    int ix0 = (ox * TShape.Stride) - TShape.PadLeft;
                    int span = TShape.Kernel * channels;
                    if ((uint)iy < (uint)TShape.InputHeight)
                    {
                        if (TShape.Dilation == 1 && ix0 >= 0 && ix0 + TShape.Kernel <= TShape.InputWidth)
                        {
                            Span<float> target = dx.Slice(((iy * TShape.InputWidth) + ix0) * channels, span);
                            TensorPrimitives.Add(target, rows.Slice(row, span), target);
                        }
                        else
                        {
                            for (int kx = 0; kx < TShape.Kernel; kx++)
                            {
                                int ix = ix0 + (kx * TShape.Dilation);
                                if ((uint)ix < (uint)TShape.InputWidth)
                                {
                                    Span<float> target = dx.Slice(((iy * TShape.InputWidth) + ix) * channels, channels);
                                    TensorPrimitives.Add(target, rows.Slice(row + (kx * channels), channels), target);
                                }
                            }
                        }
                    }

                    row += span;
                }
            }
        }
    }
}
