using SkiaSharp;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>Turns a decoded image upright as its EXIF orientation says: a phone stores a photo as the sensor saw it.</summary>
internal static class Orientation
{
    public static GreyImage Upright(GreyImage image, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft)
        {
            return image;
        }

        (int w, int h, byte[] stored) = (image.Width, image.Height, image.Pixels);
        bool swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        (int width, int height) = swaps ? (h, w) : (w, h);
        var upright = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // Where the upright pixel (x, y) is stored, per the EXIF definitions of the eight origins.
                (int sx, int sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
                    _ => throw new ImageException($"The image declares EXIF orientation {(int)origin}; EXIF defines 1 to 8: the file is corrupt."),
                };
                upright[(y * width) + x] = stored[(sy * w) + sx];
            }
        }

        return new GreyImage(width, height, upright);
    }
}
