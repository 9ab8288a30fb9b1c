using System;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>Turns one raw PNG row, in any format <see cref="PngHeader"/> accepts, into 8-bit luminance over white.</summary>
internal sealed class PngRowConverter(PngHeader header, byte[]? palette, byte[]? paletteAlpha)
{
    public void Convert(ReadOnlySpan<byte> row, Span<byte> grey)
    {
        int channels = header.Channels, depth = header.BitDepth;
        int sampleBytes = depth == 16 ? 2 : 1; // 16-bit samples: the high byte is the 8-bit value
        for (int x = 0; x < grey.Length; x++)
        {
            int r, g, b, a = 255;
            if (depth < 8)
            {
                int value = SubByteSample(row, x, depth);
                if (header.ColourType == PngHeader.Palette)
                {
                    (r, g, b, a) = Lookup(value);
                }
                else
                {
                    r = g = b = value * 255 / ((1 << depth) - 1);
                }
            }
            else
            {
                int at = x * channels * sampleBytes;
                switch (header.ColourType)
                {
                    case PngHeader.Grey:
                        r = g = b = row[at];
                        break;
                    case PngHeader.GreyAlpha:
                        r = g = b = row[at];
                        a = row[at + sampleBytes];
                        break;
                    case PngHeader.Palette:
                        (r, g, b, a) = Lookup(row[at]);
                        break;
                    default:
                        r = row[at];
                        g = row[at + sampleBytes];
                        b = row[at + (2 * sampleBytes)];
                        a = channels == 4 ? row[at + (3 * sampleBytes)] : 255;
                        break;
                }
            }

            // ITU-R BT.601 luma, as PIL's "L" mode; then over a white background.
            int luma = ((299 * r) + (587 * g) + (114 * b) + 500) / 1000;
            grey[x] = (byte)(((luma * a) + (255 * (255 - a)) + 127) / 255);
        }
    }

    private static int SubByteSample(ReadOnlySpan<byte> row, int x, int depth)
    {
        int bit = x * depth;
        return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private (int R, int G, int B, int A) Lookup(int index)
    {
        if (3 * index >= palette!.Length)
        {
            throw new PngException($"The PNG uses palette entry {index}, but its palette has {palette.Length / 3}: the file is corrupt.");
        }

        int alpha = paletteAlpha is not null && index < paletteAlpha.Length ? paletteAlpha[index] : 255;
        return (palette[3 * index], palette[(3 * index) + 1], palette[(3 * index) + 2], alpha);
    }
}
