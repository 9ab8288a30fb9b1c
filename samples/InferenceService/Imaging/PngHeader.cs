using System;
using System.Buffers.Binary;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>A PNG's IHDR chunk, checked: a size within <see cref="PngDecoder.MaxSide"/> and a format the decoder reads.</summary>
internal sealed record PngHeader(int Width, int Height, int BitDepth, int ColourType)
{
    public const int Grey = 0, Rgb = 2, Palette = 3, GreyAlpha = 4, Rgba = 6;

    /// <summary>Samples per pixel.</summary>
    public int Channels => ColourType switch { Rgb => 3, GreyAlpha => 2, Rgba => 4, _ => 1 };

    /// <summary>Bytes in one row after its filter byte.</summary>
    public int RowBytes => (Width * Channels * BitDepth + 7) / 8;

    /// <summary>How far back the filters look: the bytes of one pixel, at least one.</summary>
    public int FilterStep => Math.Max(1, Channels * BitDepth / 8);

    public static PngHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new PngException($"The PNG's IHDR chunk has {data.Length} bytes instead of 13: the file is corrupt.");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int bitDepth = data[8], colourType = data[9];
        if (width == 0 || height == 0)
        {
            throw new PngException($"The PNG is {width} × {height} pixels: an image needs at least one pixel.");
        }

        if (width > PngDecoder.MaxSide || height > PngDecoder.MaxSide)
        {
            throw new PngException($"The image is {width:N0} × {height:N0} pixels; at most {PngDecoder.MaxSide} × {PngDecoder.MaxSide} are accepted (it is scaled down to 28 × 28 anyway).");
        }

        bool known = colourType switch
        {
            Grey => bitDepth is 1 or 2 or 4 or 8 or 16,
            Palette => bitDepth is 1 or 2 or 4 or 8,
            Rgb or GreyAlpha or Rgba => bitDepth is 8 or 16,
            _ => false,
        };
        if (!known)
        {
            throw new PngException($"The PNG declares colour type {colourType} with {bitDepth} bits per sample, which PNG does not define: the file is corrupt.");
        }

        if (data[10] != 0 || data[11] != 0)
        {
            throw new PngException($"The PNG declares compression method {data[10]} and filter method {data[11]}; PNG defines only 0: the file is corrupt.");
        }

        if (data[12] != 0)
        {
            throw new PngException(data[12] == 1
                ? "The PNG is interlaced (Adam7), which this service does not decode: save it without interlacing."
                : $"The PNG declares interlace method {data[12]}, which PNG does not define: the file is corrupt.");
        }

        return new PngHeader((int)width, (int)height, bitDepth, colourType);
    }
}
