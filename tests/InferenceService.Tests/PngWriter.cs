using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>
/// Writes PNGs for the tests, independently of the service's decoder: any colour type at 8 bits (or 1, 2, 4 for grey and
/// palette), and each row filtered with a chosen filter, so that the decoder's unfiltering is checked against the
/// encoding direction of the same definitions (PNG specification, section 9).
/// </summary>
internal static class PngWriter
{
    public const byte Grey = 0, Rgb = 2, Palette = 3, GreyAlpha = 4, Rgba = 6;

    /// <param name="samples">Row after row, each pixel's samples in PNG order; for depths below 8, one sample a byte.</param>
    /// <param name="filterOf">The filter of row y (0 to 4); default: None.</param>
    public static byte[] Write(int width, int height, byte colourType, byte[] samples, int bitDepth = 8,
        byte[]? palette = null, byte[]? paletteAlpha = null, Func<int, int>? filterOf = null, byte interlace = 0)
    {
        int channels = colourType switch { Rgb => 3, GreyAlpha => 2, Rgba => 4, _ => 1 };
        int rowBytes = ((width * channels * bitDepth) + 7) / 8;
        int step = Math.Max(1, channels * bitDepth / 8);
        var raw = new MemoryStream();
        byte[] previous = new byte[rowBytes];
        for (int y = 0; y < height; y++)
        {
            byte[] row = Pack(samples.AsSpan(y * width * channels, width * channels), bitDepth, rowBytes);
            int filter = filterOf?.Invoke(y) ?? 0;
            raw.WriteByte((byte)filter);
            raw.Write(Filter(filter, row, previous, step));
            previous = row;
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = (byte)bitDepth;
        header[9] = colourType;
        header[12] = interlace;

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        if (palette is not null)
        {
            Chunk(png, "PLTE", palette);
        }

        if (paletteAlpha is not null)
        {
            Chunk(png, "tRNS", paletteAlpha);
        }

        Chunk(png, "IDAT", Compress(raw.ToArray()));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>An 8-bit grey PNG of a 28 × 28 Fashion-MNIST image, rows filtered 0, 1, 2, 3, 4, 0, ... .</summary>
    public static byte[] Grey28(byte[] image) => Write(28, 28, Grey, image, filterOf: y => y % 5);

    public static byte[] Compress(byte[] data)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    public static void Chunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(length, System.IO.Hashing.Crc32.HashToUInt32(typeAndData));
        png.Write(length);
    }

    private static byte[] Pack(ReadOnlySpan<byte> samples, int bitDepth, int rowBytes)
    {
        if (bitDepth == 8)
        {
            return samples.ToArray();
        }

        var row = new byte[rowBytes];
        for (int i = 0; i < samples.Length; i++)
        {
            int bit = i * bitDepth;
            row[bit / 8] |= (byte)(samples[i] << (8 - bitDepth - (bit % 8)));
        }

        return row;
    }

    private static byte[] Filter(int filter, byte[] row, byte[] previous, int step)
    {
        var filtered = new byte[row.Length];
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= step ? row[i - step] : 0, b = previous[i], c = i >= step ? previous[i - step] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => Paeth(a, b, c),
                _ => throw new ArgumentOutOfRangeException(nameof(filter)),
            };
            filtered[i] = (byte)(row[i] - predictor);
        }

        return filtered;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
