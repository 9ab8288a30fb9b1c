using System;
using System.Linq;
using Neuroslyn.Samples.InferenceService.Imaging;
using Xunit;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>How any grey image becomes the network's 28 × 28 input.</summary>
public sealed class FashionMnistImageTests
{
    [Fact]
    public void A_28_by_28_Fashion_MNIST_image_gives_the_training_scaling_exactly()
    {
        byte[] image = TestImages.Image(2);
        Assert.Equal(TestImages.Scaled(image), FashionMnistImage.ToInput(new GreyImage(28, 28, image)));
    }

    [Fact]
    public void A_dark_object_on_a_light_background_ten_times_larger_gives_the_same_input()
    {
        byte[] image = TestImages.Image(3);
        byte[] large = new byte[280 * 280];
        for (int y = 0; y < 280; y++)
        {
            for (int x = 0; x < 280; x++)
            {
                large[(y * 280) + x] = (byte)(255 - image[((y / 10) * 28) + (x / 10)]);
            }
        }

        Assert.Equal(TestImages.Scaled(image), FashionMnistImage.ToInput(new GreyImage(280, 280, large)));
    }

    [Fact]
    public void A_wide_image_is_centred_in_a_black_square_keeping_its_proportions()
    {
        // 56 × 28, light background (so inverted), one dark 2 × 2 block at x 10..11, y 4..5. In the 56 × 56 square the
        // image starts at row 14, so the block lands on output pixel (x 5, y 9) after halving; everything else is black.
        byte[] image = Enumerable.Repeat((byte)255, 56 * 28).ToArray();
        foreach ((int x, int y) in new[] { (10, 4), (11, 4), (10, 5), (11, 5) })
        {
            image[(y * 56) + x] = 0;
        }

        float[] input = FashionMnistImage.ToInput(new GreyImage(56, 28, image));

        float[] expected = new float[784];
        expected[(9 * 28) + 5] = 1;
        Assert.Equal(expected, input);
    }

    [Fact]
    public void A_fractional_scale_averages_areas_with_weights_that_add_up()
    {
        // 30 × 30 of one grey: every output pixel covers 30/28 source pixels per side, partly; the mean stays that grey.
        float[] input = FashionMnistImage.ToInput(new GreyImage(30, 30, Enumerable.Repeat((byte)100, 900).ToArray()));
        Assert.All(input, value => Assert.Equal(100 / 255f, value, 1e-6f));
    }

    [Fact]
    public void A_light_object_filling_the_frame_on_a_dark_border_is_not_inverted()
    {
        // Mostly light overall, but the border is black: a Fashion-MNIST-like image, kept as it is.
        byte[] image = new byte[28 * 28];
        for (int y = 1; y < 27; y++)
        {
            image.AsSpan((y * 28) + 1, 26).Fill(230);
        }

        Assert.Equal(TestImages.Scaled(image), FashionMnistImage.ToInput(new GreyImage(28, 28, image)));
    }
}
