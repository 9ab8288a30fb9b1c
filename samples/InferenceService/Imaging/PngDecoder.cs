using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>
/// Decodes a PNG into 8-bit luminance: grey, grey + alpha, RGB, RGBA (8 or 16 bits per sample) and palette or grey at
/// 1, 2, 4 or 8 bits, non-interlaced, all five row filters; every chunk's CRC, the chunk order and the amount of image
/// data are checked, and anything else is a <see cref="PngException"/> that says what is wrong.
/// </summary>
/// <remarks>
/// Managed and small on purpose: no native library to ship beside a Native AOT binary, nothing for the trimmer to
/// keep. Memory is bounded before anything is allocated: the header's size is checked against <see cref="MaxSide"/>,
/// rows are inflated one at a time into two row buffers, and inflating stops at exactly the header's amount of data,
/// so a small file that inflates to gigabytes (a "zip bomb") is refused after one row too many.
/// Transparent pixels are composited over white, as an image viewer shows them.
/// </remarks>
internal static class PngDecoder
{
    /// <summary>The largest width or height accepted: the image is scaled to 28 × 28, so more only costs memory.</summary>
    public const int MaxSide = 2048;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static GreyImage Decode(byte[] png)
    {
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new PngException(DescribeNotPng(png));
        }

        PngHeader? header = null;
        byte[]? palette = null;
        byte[]? paletteAlpha = null;
        var compressed = new MemoryStream();
        bool imageDataSeen = false, imageDataEnded = false;
        int offset = Signature.Length;
        while (true)
        {
            if (png.Length - offset < 12)
            {
                throw new PngException($"The PNG ends at byte {png.Length:N0} without its IEND chunk: the file is truncated.");
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            if (length > (uint)(png.Length - offset - 12))
            {
                throw new PngException($"The PNG's chunk at byte {offset:N0} declares {length:N0} bytes of data, more than the file holds: the file is truncated or corrupt.");
            }

            ReadOnlySpan<byte> typeAndData = png.AsSpan(offset + 4, 4 + (int)length);
            string type = Encoding.ASCII.GetString(typeAndData[..4]);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + (int)length));
            if (Crc32.Compute(typeAndData) != crc)
            {
                throw new PngException($"The PNG's {type} chunk at byte {offset:N0} fails its CRC check: the file is corrupt.");
            }

            ReadOnlySpan<byte> data = typeAndData[4..];
            offset += 12 + (int)length;
            if (header is null && type != "IHDR")
            {
                throw new PngException($"The PNG starts with a {type} chunk instead of IHDR: the file is corrupt.");
            }

            imageDataEnded |= imageDataSeen && type != "IDAT";
            switch (type)
            {
                case "IHDR":
                    header = header is null ? PngHeader.Read(data) : throw new PngException("The PNG has a second IHDR chunk: the file is corrupt.");
                    break;
                case "PLTE":
                    if (length is 0 or > 768 || length % 3 != 0)
                    {
                        throw new PngException($"The PNG's palette has {length} bytes; it must hold 1 to 256 RGB entries: the file is corrupt.");
                    }

                    palette = data.ToArray();
                    break;
                case "tRNS" when header!.ColourType == PngHeader.Palette:
                    paletteAlpha = data.ToArray();
                    break;
                case "IDAT":
                    if (imageDataEnded)
                    {
                        throw new PngException("The PNG's IDAT chunks are not consecutive: the file is corrupt.");
                    }

                    imageDataSeen = true;
                    compressed.Write(data);
                    break;
                case "IEND":
                    return Finish(header!, palette, paletteAlpha, compressed, imageDataSeen);
                default:
                    // Upper case first letter: a critical chunk, which a decoder must understand to show the image.
                    if (char.IsAsciiLetterUpper(type[0]))
                    {
                        throw new PngException($"The PNG has a critical chunk '{type}' that this decoder does not know.");
                    }

                    break;
            }
        }
    }

    private static GreyImage Finish(PngHeader header, byte[]? palette, byte[]? paletteAlpha, MemoryStream compressed, bool imageDataSeen)
    {
        if (!imageDataSeen)
        {
            throw new PngException("The PNG has no IDAT chunk: it holds no image data.");
        }

        if (header.ColourType == PngHeader.Palette && palette is null)
        {
            throw new PngException("The PNG uses a palette but has no PLTE chunk: the file is corrupt.");
        }

        var pixels = new byte[header.Width * header.Height];
        var converter = new PngRowConverter(header, palette, paletteAlpha);
        byte[] previous = new byte[header.RowBytes], current = new byte[header.RowBytes];
        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        int y = 0;
        try
        {
            for (; y < header.Height; y++)
            {
                int filter = inflater.ReadByte();
                if (filter < 0)
                {
                    throw new EndOfStreamException();
                }

                inflater.ReadExactly(current);
                PngFilters.Undo(filter, current, previous, header.FilterStep, y);
                converter.Convert(current, pixels.AsSpan(y * header.Width, header.Width));
                (previous, current) = (current, previous);
            }

            if (inflater.ReadByte() >= 0)
            {
                throw new PngException($"The PNG holds more image data than its header's {header.Width} × {header.Height} pixels: the file is corrupt.");
            }
        }
        catch (EndOfStreamException)
        {
            throw new PngException($"The PNG's image data ends in row {y + 1} of {header.Height}: the file is truncated or corrupt.");
        }
        catch (InvalidDataException error)
        {
            throw new PngException($"The PNG's compressed image data is corrupt ({error.Message}).");
        }

        return new GreyImage(header.Width, header.Height, pixels);
    }

    /// <summary>Names the common formats, so that a JPEG upload is told it is a JPEG, not just "not a PNG".</summary>
    private static string DescribeNotPng(ReadOnlySpan<byte> bytes)
    {
        string? format = bytes switch
        {
            [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "a GIF image",
            [(byte)'B', (byte)'M', ..] => "a BMP image",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "a WebP image",
            [] => "empty",
            _ => null,
        };
        return format is null
            ? "The upload is not a PNG image: it does not start with the PNG signature."
            : $"The upload is {format}, not a PNG; only PNG is decoded. Save it as PNG and send it again.";
    }
}
