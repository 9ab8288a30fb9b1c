using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// The runtime's <see cref="ImageLayout"/> (a network's input in, Flatten's output out) moves values as the index
/// formulas of <see cref="ReferenceLayouts"/>, which the convolution and pooling reference tests rely on, do.
/// </summary>
public sealed class ImageLayoutTests
{
    [Theory]
    [InlineData(3, 4, 5, 6)]
    [InlineData(2, 1, 7, 3)]
    [InlineData(2, 5, 1, 1)]
    public void Images_move_between_channels_first_and_last_as_the_index_formula_says(int count, int channels, int height, int width)
    {
        float[] nchw = TestData.Normal(count * channels * height * width, channels);
        float[] nhwc = new float[nchw.Length], back = new float[nchw.Length];
        ImageLayout.ToChannelsLast(nchw, nhwc, count, channels, height * width);
        ImageLayout.ToChannelsFirst(nhwc, back, count, channels, height * width);
        Assert.Equal(ReferenceLayouts.ChannelsLast(nchw, count, channels, height, width), nhwc);
        Assert.Equal(nchw, back);
    }
}
