using System;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// Moves tensors between the scalar references' PyTorch layouts and the runtime kernels' layouts, each by its index
/// formula written out (not by the runtime's <c>ImageLayout</c> or <c>TensorLayout</c>, which are under test too).
/// </summary>
internal static class ReferenceLayouts
{
    /// <summary>Images <c>[n, c, h, w]</c> (NCHW) to <c>[n, h, w, c]</c> (channels-last, the kernels' order).</summary>
    public static float[] ChannelsLast(float[] nchw, int count, int channels, int height, int width)
    {
        var nhwc = new float[count * channels * height * width];
        ForEachPixel(count, channels, height, width, (first, last) => nhwc[last] = nchw[first]);
        return nhwc;
    }

    /// <summary>Images <c>[n, h, w, c]</c> to <c>[n, c, h, w]</c>, for comparing a kernel's result with a reference's.</summary>
    public static float[] ChannelsFirst(float[] nhwc, int count, int channels, int height, int width)
    {
        var nchw = new float[count * channels * height * width];
        ForEachPixel(count, channels, height, width, (first, last) => nchw[first] = nhwc[last]);
        return nchw;
    }

    /// <summary>
    /// A convolution weight from PyTorch's <c>[F, Cg, K, K]</c> to the runtime's storage (StorageOrder [2, 3, 1, 0]):
    /// <c>[kernel row, kernel column, Cg, F]</c>.
    /// </summary>
    public static float[] KernelMajor(float[] torch, int filters, int groupChannels, int kernel)
    {
        var stored = new float[torch.Length];
        ForEachWeight(filters, groupChannels, kernel, (t, s) => stored[s] = torch[t]);
        return stored;
    }

    /// <summary>The reverse of <see cref="KernelMajor"/>, for comparing a kernel's weight gradient with the reference's.</summary>
    public static float[] TorchOrder(float[] stored, int filters, int groupChannels, int kernel)
    {
        var torch = new float[stored.Length];
        ForEachWeight(filters, groupChannels, kernel, (t, s) => torch[t] = stored[s]);
        return torch;
    }

    /// <summary>Pairs each value's NCHW index with its NHWC index.</summary>
    private static void ForEachPixel(int count, int channels, int height, int width, Action<int, int> pair)
    {
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        pair((((((n * channels) + c) * height) + y) * width) + x, (((((n * height) + y) * width) + x) * channels) + c);
                    }
                }
            }
        }
    }

    /// <summary>Pairs each weight's PyTorch index <c>[f, c, ky, kx]</c> with its stored index <c>[ky, kx, c, f]</c>.</summary>
    private static void ForEachWeight(int filters, int groupChannels, int kernel, Action<int, int> pair)
    {
        for (int f = 0; f < filters; f++)
        {
            for (int c = 0; c < groupChannels; c++)
            {
                for (int ky = 0; ky < kernel; ky++)
                {
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        pair((((((f * groupChannels) + c) * kernel) + ky) * kernel) + kx, (((((ky * kernel) + kx) * groupChannels) + c) * filters) + f);
                    }
                }
            }
        }
    }
}
