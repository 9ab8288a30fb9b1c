using System;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>Turns unpremultiplied RGBA pixels into 8-bit luminance, transparent pixels composited over white.</summary>
internal static class Luminance
{
    /// <remarks>
    /// ITU-R BT.601 luma, as PIL's "L" mode (and so as a user who prepares images in Python would see them); then over a
    /// white background, as an image viewer shows a transparent image.
    /// </remarks>
    /// <param name="rgba">Four bytes a pixel.</param>
    /// <param name="grey">One byte a pixel; may be the same memory as <paramref name="rgba"/> (pixel x is written to byte
    /// x after bytes 4x to 4x + 3 are read, and no later pixel reads below 4x + 4).</param>
    public static void FromRgba(ReadOnlySpan<byte> rgba, Span<byte> grey)
    {
        for (int x = 0; x < grey.Length; x++)
        {
            int r = rgba[4 * x], g = rgba[(4 * x) + 1], b = rgba[(4 * x) + 2], a = rgba[(4 * x) + 3];
            int luma = ((299 * r) + (587 * g) + (114 * b) + 500) / 1000;
            grey[x] = (byte)(((luma * a) + (255 * (255 - a)) + 127) / 255);
        }
    }
}
