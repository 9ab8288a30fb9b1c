using System;
using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// The runtime's pooling kernels (<see cref="PoolKernels"/>) against <see cref="ScalarPoolReference"/>: data made in
/// PyTorch's NCHW layout, moved to the kernels' channels-last one by <see cref="ReferenceLayouts"/>, and the results
/// moved back. A maximum is one of its inputs and, with small whole-number gradients, a max-pooling gradient is an
/// exact sum: those are compared exactly, so a gradient sent to the wrong one of two equal values cannot pass.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class PoolKernelReferenceTests
{
    [Fact]
    public void Max_pooling_2x2_matches_the_reference()
    {
        var g = new ScalarPoolReference.Geometry(Channels: 3, Height: 7, Width: 6, Pool: 2, Stride: 2, Padding: 0);
        CheckMax(g, TestData.Normal(2 * g.InputSize, 1), TestData.Normal(2 * g.OutputSize, 2), count: 2, gradientTolerance: 0);
    }

    /// <summary>The pooling of the failing finite-difference check: windows overlap, and the padding takes part.</summary>
    [Fact]
    public void Overlapping_padded_strided_max_pooling_matches_the_reference()
    {
        var g = new ScalarPoolReference.Geometry(Channels: 4, Height: 9, Width: 8, Pool: 3, Stride: 2, Padding: 1);
        CheckMax(g, TestData.Normal(3 * g.InputSize, 3), TestData.Normal(3 * g.OutputSize, 4), count: 3, gradientTolerance: 1e-6);
    }

    /// <summary>Values drawn from {0, 1, 2}: most windows hold their maximum more than once.</summary>
    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(3, 1, 1)]
    public void Ties_send_the_gradient_to_the_first_maximum_in_window_order(int pool, int stride, int padding)
    {
        const int count = 2;
        var g = new ScalarPoolReference.Geometry(Channels: 3, Height: 8, Width: 7, pool, stride, padding);
        var random = new Random(5);
        float[] x = new float[count * g.InputSize];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.Next(3);
        }

        Assert.True(TiedWindows(g, x, count) > count * g.OutputSize / 2, "The data should tie in most windows.");
        CheckMax(g, x, WholeNumbers(count * g.OutputSize), count, gradientTolerance: 0);
    }

    /// <summary>
    /// A constant negative 4 × 4 image under MaxPool(3, stride 2, padding 1), worked by hand: the windows start at rows and
    /// columns −1 and 1, so their first image pixels are (0, 0), (0, 1), (1, 0) and (1, 1), which take the whole
    /// gradient (the last-maximum rule would pick (1, 1), (1, 3), (3, 1), (3, 3)); and the maximum is −2, not the
    /// padding's 0.
    /// </summary>
    [Fact]
    public void A_constant_input_sends_each_window_gradient_to_its_first_image_pixel()
    {
        var g = new ScalarPoolReference.Geometry(Channels: 1, Height: 4, Width: 4, Pool: 3, Stride: 2, Padding: 1);
        float[] x = new float[16];
        Array.Fill(x, -2f);
        float[] dy = [1, 2, 3, 4];
        double[] expected = [1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        double[] maxima = [-2, -2, -2, -2];
        Assert.Equal(maxima, ScalarPoolReference.MaxForward(g, x, 1));
        Assert.Equal(expected, ScalarPoolReference.MaxBackward(g, x, dy, 1));
        CheckMax(g, x, dy, count: 1, gradientTolerance: 0);

        // Several channels and samples of one constant: the channels-last kernel must pick per channel as well.
        var wide = new ScalarPoolReference.Geometry(Channels: 3, Height: 7, Width: 8, Pool: 3, Stride: 2, Padding: 1);
        float[] constant = new float[2 * wide.InputSize];
        Array.Fill(constant, -0.5f);
        CheckMax(wide, constant, WholeNumbers(2 * wide.OutputSize), count: 2, gradientTolerance: 0);
    }

    [Fact]
    public void Average_pooling_counts_the_padding_as_zeros()
    {
        CheckAverage(new ScalarPoolReference.Geometry(Channels: 3, Height: 7, Width: 8, Pool: 3, Stride: 2, Padding: 1), count: 2);
        CheckAverage(new ScalarPoolReference.Geometry(Channels: 2, Height: 6, Width: 5, Pool: 2, Stride: 2, Padding: 0), count: 3);
    }

    [Fact]
    public void Global_average_pooling_matches_the_reference()
    {
        const int count = 3, channels = 5, height = 6, width = 7, positions = height * width;
        float[] x = TestData.Normal(count * channels * positions, 7), dy = TestData.Normal(count * channels, 8);
        float[] y = Unwritten(count * channels), dx = Unwritten(x.Length);
        PoolKernels.GlobalAverageForward(ReferenceLayouts.ChannelsLast(x, count, channels, height, width), y, count, positions, channels);
        PoolKernels.GlobalAverageBackward(dy, dx, count, positions, channels);
        ScalarReferenceTests.AssertClose(ScalarPoolReference.GlobalAverageForward(x, count, channels, positions), y, 1e-5, 1e-4, "global average, [n, c] element");
        ScalarReferenceTests.AssertClose(
            ScalarPoolReference.GlobalAverageBackward(dy, count, channels, positions), ReferenceLayouts.ChannelsFirst(dx, count, channels, height, width), 1e-5, 1e-4,
            "global average gradient, NCHW element");
    }

    /// <summary>
    /// Max pooling forward and backward against the reference: the maxima exactly, the gradient to
    /// <paramref name="gradientTolerance"/> (absolute and relative): 0 where no two windows share an input or the
    /// gradients are whole numbers (whose sums float holds exactly), 1e-6 for sums of up to four random floats.
    /// </summary>
    private static void CheckMax(ScalarPoolReference.Geometry g, float[] x, float[] dy, int count, double gradientTolerance)
    {
        PoolGeometry geometry = KernelGeometry(g);
        float[] input = ReferenceLayouts.ChannelsLast(x, count, g.Channels, g.Height, g.Width);
        float[] y = Unwritten(count * g.OutputSize), dx = Unwritten(input.Length);
        PoolKernels.MaxForward(input, y, count, geometry);
        PoolKernels.MaxBackward(input, y, ReferenceLayouts.ChannelsLast(dy, count, g.Channels, g.OutputHeight, g.OutputWidth), dx, count, geometry);
        ScalarReferenceTests.AssertClose(ScalarPoolReference.MaxForward(g, x, count), Image(y, g, count, output: true), 0, 0, $"{g} maximum, NCHW element");
        ScalarReferenceTests.AssertClose(ScalarPoolReference.MaxBackward(g, x, dy, count), Image(dx, g, count, output: false), gradientTolerance, gradientTolerance, $"{g} max-pooling gradient, NCHW element");
    }

    /// <summary>Average pooling forward and backward against the reference, to 1e-6 + 1e-5 relative: sums of at most nine values, scaled once.</summary>
    private static void CheckAverage(ScalarPoolReference.Geometry g, int count)
    {
        PoolGeometry geometry = KernelGeometry(g);
        float[] x = TestData.Normal(count * g.InputSize, 9), dy = TestData.Normal(count * g.OutputSize, 10);
        float[] y = Unwritten(count * g.OutputSize), dx = Unwritten(x.Length);
        PoolKernels.AverageForward(ReferenceLayouts.ChannelsLast(x, count, g.Channels, g.Height, g.Width), y, count, geometry);
        PoolKernels.AverageBackward(ReferenceLayouts.ChannelsLast(dy, count, g.Channels, g.OutputHeight, g.OutputWidth), dx, count, geometry);
        ScalarReferenceTests.AssertClose(ScalarPoolReference.AverageForward(g, x, count), Image(y, g, count, output: true), 1e-6, 1e-5, $"{g} mean, NCHW element");
        ScalarReferenceTests.AssertClose(ScalarPoolReference.AverageBackward(g, dy, count), Image(dx, g, count, output: false), 1e-6, 1e-5, $"{g} average-pooling gradient, NCHW element");
    }

    /// <summary>The runtime's geometry for the reference's, whose output sizes (PyTorch's) it must agree with.</summary>
    private static PoolGeometry KernelGeometry(ScalarPoolReference.Geometry g)
    {
        var geometry = new PoolGeometry(g.Channels, g.Height, g.Width, g.Pool, g.Stride, g.Padding);
        Assert.Equal(g.OutputHeight, geometry.OutputHeight);
        Assert.Equal(g.OutputWidth, geometry.OutputWidth);
        return geometry;
    }

    /// <summary>A kernel's channels-last input or output images in NCHW.</summary>
    private static float[] Image(float[] channelsLast, ScalarPoolReference.Geometry g, int count, bool output)
        => output
            ? ReferenceLayouts.ChannelsFirst(channelsLast, count, g.Channels, g.OutputHeight, g.OutputWidth)
            : ReferenceLayouts.ChannelsFirst(channelsLast, count, g.Channels, g.Height, g.Width);

    /// <summary>Windows whose maximum is held by more than one of their image pixels.</summary>
    private static int TiedWindows(ScalarPoolReference.Geometry g, float[] x, int count)
    {
        int tied = 0;
        double[] maxima = ScalarPoolReference.MaxForward(g, x, count);
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < g.Channels; c++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        int holders = 0;
                        foreach ((int iy, int ix) in g.Pixels(oy, ox))
                        {
                            holders += x[g.InputIndex(n, c, iy, ix)] == maxima[g.OutputIndex(n, c, oy, ox)] ? 1 : 0;
                        }

                        tied += holders > 1 ? 1 : 0;
                    }
                }
            }
        }

        return tied;
    }

    /// <summary>Gradients 1, 2, …, 13, 1, 2, …: each non-zero, so a misrouted one always shows, and their sums exact.</summary>
    private static float[] WholeNumbers(int length)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (i % 13) + 1;
        }

        return values;
    }

    /// <summary>An output filled with NaN, so that a place the kernel never writes cannot pass.</summary>
    private static float[] Unwritten(int length)
    {
        float[] values = new float[length];
        Array.Fill(values, float.NaN);
        return values;
    }
}
