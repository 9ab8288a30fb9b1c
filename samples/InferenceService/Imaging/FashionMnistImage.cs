using System;
using System.Buffers;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>
/// Turns any grey image into the network's input the way Fashion-MNIST's images look: a light object on a black
/// background, 28 × 28, pixels in 0..1.
/// </summary>
internal static class FashionMnistImage
{
    public const int Side = 28;

    /// <remarks>
    /// Three steps. (1) If the image's border is mostly light, it is a dark object photographed or drawn on a light
    /// background, and is inverted: Fashion-MNIST's objects are light on black. The border decides rather than the whole
    /// image because an object that fills most of the frame would otherwise flip the decision. (2) The image is centred in
    /// a square of black, so a tall or wide image keeps its proportions, as Fashion-MNIST's did. (3) The square is reduced
    /// to 28 × 28 by area averaging: each output pixel is the mean of the source area it covers, fractional pixels weighted
    /// by their overlap, which neither aliases nor blurs more than needed. A 28 × 28 input comes out unchanged (byte / 255).
    /// </remarks>
    public static float[] ToInput(GreyImage image)
    {
        (int width, int height, byte[] source) = (image.Width, image.Height, image.Pixels);
        bool invert = BorderMean(image) > 127.5;
        int side = Math.Max(width, height);
        int left = (side - width) / 2, top = (side - height) / 2;
        double scale = (double)side / Side;
        (int First, double[] Weights)[] columns = Weights(scale, left, width);
        (int First, double[] Weights)[] rows = Weights(scale, top, height);

        // Horizontal pass: every source row reduced to 28 columns (pooled: 228 KB for a 1020-row image, a
        // large-object-heap array per request otherwise).
        double[] reduced = ArrayPool<double>.Shared.Rent(height * Side);
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = source.AsSpan(y * width, width);
            for (int x = 0; x < Side; x++)
            {
                (int first, double[] weights) = columns[x];
                double sum = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    int value = row[first + k];
                    sum += weights[k] * (invert ? 255 - value : value);
                }

                reduced[(y * Side) + x] = sum;
            }
        }

        // Vertical pass, then the mean over the covered area; padding is black, so it adds nothing to the sum.
        var input = new float[Side * Side];
        double area = scale * scale;
        for (int y = 0; y < Side; y++)
        {
            (int first, double[] weights) = rows[y];
            for (int x = 0; x < Side; x++)
            {
                double sum = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    sum += weights[k] * reduced[((first + k) * Side) + x];
                }

                // Divide by 255 in float, as the training data were scaled, so an unscaled image gives the same floats.
                input[(y * Side) + x] = (float)(sum / area) / 255f;
            }
        }

        ArrayPool<double>.Shared.Return(reduced);
        return input;
    }

    /// <summary>
    /// For each of the 28 output positions: the first source pixel it covers and the overlap of each covered pixel with
    /// the output pixel's span [i·scale, (i+1)·scale) in the padded square, pixels outside the image left out.
    /// </summary>
    private static (int First, double[] Weights)[] Weights(double scale, int offset, int length)
    {
        var result = new (int, double[])[Side];
        for (int i = 0; i < Side; i++)
        {
            double start = (i * scale) - offset, end = ((i + 1) * scale) - offset;
            int first = Math.Max(0, (int)Math.Floor(start));
            int last = Math.Min(length - 1, (int)Math.Ceiling(end) - 1);
            var weights = new double[Math.Max(0, last - first + 1)];
            for (int j = first; j <= last; j++)
            {
                weights[j - first] = Math.Min(end, j + 1) - Math.Max(start, j);
            }

            result[i] = (first, weights);
        }

        return result;
    }

    private static double BorderMean(GreyImage image)
    {
        (int width, int height, byte[] pixels) = (image.Width, image.Height, image.Pixels);
        long sum = 0;
        int count = 0;
        for (int y = 0; y < height; y++)
        {
            bool edgeRow = y == 0 || y == height - 1;
            for (int x = 0; x < width; x += edgeRow || width == 1 ? 1 : width - 1)
            {
                sum += pixels[(y * width) + x];
                count++;
            }
        }

        return (double)sum / count;
    }
}
