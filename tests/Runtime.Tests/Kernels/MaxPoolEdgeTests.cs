using System;
using System.Linq;
using Neuroslyn.Kernels;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// Max pooling's special values, in the vectorised channels and in the channels past the last whole vector alike:
/// a NaN in a window is the window's maximum and takes its gradient (as <see cref="MathF.Max"/> and PyTorch's
/// max_pool2d), +0 is above -0, and among equal values the first in row-major order takes the gradient.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class MaxPoolEdgeTests
{
    // More channels than any vector holds (16 floats in a Vector512), plus a remainder, so both paths run.
    private const int Channels = 19;

    [Fact]
    public void A_NaN_is_the_maximum_and_takes_the_gradient_in_every_channel()
    {
        // One 2 × 2 window; channel c holds NaN at position c % 4 and ordinary values elsewhere.
        float[] x = Window((position, channel) => position == channel % 4 ? float.NaN : position + channel);
        (float[] y, float[] dx) = Pool(x);

        Assert.All(y, value => Assert.True(float.IsNaN(value)));
        for (int channel = 0; channel < Channels; channel++)
        {
            Assert.Equal(Expected(channel % 4, channel), Column(dx, channel));
        }
    }

    [Fact]
    public void Positive_zero_is_above_negative_zero_and_the_first_of_equal_maxima_takes_the_gradient()
    {
        // Positions 0 and 2 hold -0, positions 1 and 3 hold +0: the maximum is +0, and position 1 is the first to equal it.
        float[] x = Window((position, channel) => position % 2 == 0 ? -0f : 0f);
        (float[] y, float[] dx) = Pool(x);

        Assert.All(y, value => Assert.False(float.IsNegative(value), "the maximum of -0 and +0 is +0"));
        for (int channel = 0; channel < Channels; channel++)
        {
            // -0 == +0, so the first position of the window takes the gradient, as PyTorch's (x == max) rule does.
            Assert.Equal(Expected(0, channel), Column(dx, channel));
        }
    }

    [Fact]
    public void Equal_maxima_give_the_gradient_to_the_first_position_only()
    {
        // Positions 1, 2 and 3 tie at the maximum 5; position 0 is below it.
        float[] x = Window((position, channel) => position == 0 ? 1f : 5f);
        (float[] y, float[] dx) = Pool(x);

        Assert.All(y, value => Assert.Equal(5f, value));
        for (int channel = 0; channel < Channels; channel++)
        {
            Assert.Equal(Expected(1, channel), Column(dx, channel));
        }
    }

    private static readonly PoolGeometry Geometry = new(Channels, Height: 2, Width: 2, Pool: 2, Stride: 2, Padding: 0);

    /// <summary>One 2 × 2 image, channels-last, from a value per (position, channel).</summary>
    private static float[] Window(Func<int, int, float> value)
        => Enumerable.Range(0, 4 * Channels).Select(i => value(i / Channels, i % Channels)).ToArray();

    private static (float[] Y, float[] Dx) Pool(float[] x)
    {
        var y = new float[Channels];
        PoolKernels.MaxForward(x, y, 1, Geometry);
        float[] dy = Enumerable.Range(0, Channels).Select(c => 1f + c).ToArray();
        var dx = new float[x.Length];
        PoolKernels.MaxBackward(x, y, dy, dx, 1, Geometry);
        return (y, dx);
    }

    private static float[] Column(float[] dx, int channel) => Enumerable.Range(0, 4).Select(p => dx[(p * Channels) + channel]).ToArray();

    /// <summary>The gradient 1 + channel at <paramref name="winner"/>, zero at the other three positions.</summary>
    private static float[] Expected(int winner, int channel) => Enumerable.Range(0, 4).Select(p => p == winner ? 1f + channel : 0f).ToArray();
}
