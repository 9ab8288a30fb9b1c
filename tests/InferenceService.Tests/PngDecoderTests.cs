using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using Neuroslyn.Samples.InferenceService.Imaging;
using Xunit;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>The service's PNG decoder, against PNGs written by <see cref="PngWriter"/>.</summary>
public sealed class PngDecoderTests
{
    private const int Width = 7, Height = 6; // odd sizes, so sub-byte rows end mid-byte

    public static TheoryData<int> Filters => new() { 0, 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Every_colour_type_and_filter_decodes_to_its_luminance(int filter)
    {
        var random = new Random(filter);
        byte[] rgba = new byte[Width * Height * 4];
        random.NextBytes(rgba);
        byte[] rgb = Channels(rgba, 0, 1, 2), grey = Channels(rgba, 0), greyAlpha = Channels(rgba, 0, 3);

        Assert.Equal(grey, Decode(PngWriter.Grey, grey, filter));
        Assert.Equal(Luma(rgb, opaque: true), Decode(PngWriter.Rgb, rgb, filter));
        Assert.Equal(Luma(rgba, opaque: false), Decode(PngWriter.Rgba, rgba, filter));
        Assert.Equal(OverWhite(grey, Channels(rgba, 3)), Decode(PngWriter.GreyAlpha, greyAlpha, filter));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Palette_and_low_bit_depth_grey_decode(int bitDepth)
    {
        var random = new Random(bitDepth);
        int levels = 1 << bitDepth;
        byte[] indices = Enumerable.Range(0, Width * Height).Select(_ => (byte)random.Next(levels)).ToArray();
        byte[] palette = new byte[3 * levels];
        random.NextBytes(palette);
        byte[] alpha = Enumerable.Range(0, levels / 2).Select(i => (byte)(i * 37)).ToArray(); // tRNS may be shorter than the palette

        byte[] paletted = PngDecoder.Decode(PngWriter.Write(Width, Height, PngWriter.Palette, indices, bitDepth, palette, alpha, y => y % 5)).Pixels;
        byte[] colours = indices.SelectMany(i => new[] { palette[3 * i], palette[(3 * i) + 1], palette[(3 * i) + 2], i < alpha.Length ? alpha[i] : (byte)255 }).ToArray();
        Assert.Equal(Luma(colours, opaque: false), paletted);

        byte[] grey = PngDecoder.Decode(PngWriter.Write(Width, Height, PngWriter.Grey, indices, bitDepth, filterOf: y => y % 5)).Pixels;
        Assert.Equal(indices.Select(i => (byte)(i * 255 / (levels - 1))), grey);
    }

    [Fact]
    public void A_Fashion_MNIST_image_comes_back_byte_for_byte()
    {
        byte[] image = TestImages.Image(0);
        GreyImage decoded = PngDecoder.Decode(PngWriter.Grey28(image));
        Assert.Equal((28, 28), (decoded.Width, decoded.Height));
        Assert.Equal(image, decoded.Pixels);
    }

    [Fact]
    public void Not_a_png_says_so_and_names_common_formats()
    {
        Assert.Equal("The upload is not a PNG image: it does not start with the PNG signature.", Problem("just text"u8.ToArray()));
        Assert.StartsWith("The upload is a JPEG image, not a PNG", Problem([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), StringComparison.Ordinal);
        Assert.StartsWith("The upload is a GIF image, not a PNG", Problem("GIF89a..."u8.ToArray()), StringComparison.Ordinal);
        Assert.StartsWith("The upload is empty, not a PNG", Problem([]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_byte_fails_the_chunks_crc()
    {
        byte[] png = PngWriter.Grey28(TestImages.Image(1));
        png[45] ^= 0x40; // inside the IDAT data (the IHDR chunk ends at byte 33)

        Assert.Equal("The PNG's IDAT chunk at byte 33 fails its CRC check: the file is corrupt.", Problem(png));
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated()
    {
        byte[] png = PngWriter.Grey28(TestImages.Image(1));

        Assert.Contains("more than the file holds: the file is truncated or corrupt.", Problem(png[..(png.Length / 2)]), StringComparison.Ordinal);
        Assert.Equal($"The PNG ends at byte {png.Length - 12:N0} without its IEND chunk: the file is truncated.", Problem(png[..^12]));
    }

    [Fact]
    public void Image_data_shorter_or_longer_than_the_header_says_is_corrupt()
    {
        byte[] rows = new byte[29 * 28]; // filter byte + 28 pixels, 28 rows
        Assert.Equal("The PNG's image data ends in row 28 of 28: the file is truncated or corrupt.", Problem(WithImageData(rows[..^1])));
        Assert.Equal("The PNG holds more image data than its header's 28 × 28 pixels: the file is corrupt.", Problem(WithImageData([.. rows, 0])));
        Assert.StartsWith("The PNG's compressed image data is corrupt", Problem(WithImageData(rows, compress: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_decompression_bomb_stops_after_the_headers_amount_of_data()
    {
        // 20 MB of zeros compress to about 20 KB; the decoder reads 28 rows' worth and refuses the rest.
        byte[] bomb = WithImageData(new byte[20_000_000]);
        Assert.True(bomb.Length < 100_000);
        Assert.Equal("The PNG holds more image data than its header's 28 × 28 pixels: the file is corrupt.", Problem(bomb));
    }

    [Fact]
    public void An_unknown_filter_type_is_corrupt()
    {
        byte[] rows = new byte[29 * 28];
        rows[29 * 3] = 5;
        Assert.Equal("Row 4 of the PNG has filter type 5; PNG defines 0 to 4: the file is corrupt.", Problem(WithImageData(rows)));
    }

    [Fact]
    public void Too_many_pixels_interlacing_and_16_bit_palettes_are_refused_before_decoding()
    {
        Assert.Equal("The image is 2,049 × 10 pixels; at most 2048 × 2048 are accepted (it is scaled down to 28 × 28 anyway).",
            Problem(HeaderOnly(2049, 10, 8, PngWriter.Grey, 0)));
        Assert.Equal("The PNG is interlaced (Adam7), which this service does not decode: save it without interlacing.",
            Problem(HeaderOnly(28, 28, 8, PngWriter.Grey, 1)));
        Assert.Equal("The PNG declares colour type 3 with 16 bits per sample, which PNG does not define: the file is corrupt.",
            Problem(HeaderOnly(28, 28, 16, PngWriter.Palette, 0)));
    }

    [Fact]
    public void A_second_header_is_corrupt()
    {
        byte[] png = PngWriter.Grey28(new byte[784]);
        Assert.Equal("The PNG has a second IHDR chunk: the file is corrupt.", Problem([.. png[..33], .. png[8..]]));
    }

    [Fact]
    public void A_palette_index_past_the_palette_is_corrupt()
    {
        byte[] png = PngWriter.Write(2, 1, PngWriter.Palette, [0, 2], palette: [0, 0, 0, 255, 255, 255]);
        Assert.Equal("The PNG uses palette entry 2, but its palette has 2: the file is corrupt.", Problem(png));
    }

    [Fact]
    public void Sixteen_bit_samples_use_their_high_byte()
    {
        // Two 16-bit grey pixels, big-endian, after the row's filter byte.
        byte[] png = [.. HeaderOnly(2, 1, 16, PngWriter.Grey, 0)[..33], .. IdatAndEnd([0, 0x12, 0x34, 0xAB, 0xCD])];
        Assert.Equal(new byte[] { 0x12, 0xAB }, PngDecoder.Decode(png).Pixels);
    }

    private static byte[] Decode(byte colourType, byte[] samples, int filter)
        => PngDecoder.Decode(PngWriter.Write(Width, Height, colourType, samples, filterOf: _ => filter)).Pixels;

    private static string Problem(byte[] png) => Assert.Throws<PngException>(() => PngDecoder.Decode(png)).Message;

    private static byte[] Channels(byte[] rgba, params int[] channels)
        => Enumerable.Range(0, rgba.Length / 4).SelectMany(p => channels.Select(c => rgba[(4 * p) + c])).ToArray();

    /// <summary>BT.601 luma rounded, then alpha over white: the decoder's documented conversion, written out again.</summary>
    private static byte[] Luma(byte[] pixels, bool opaque)
    {
        int channels = opaque ? 3 : 4;
        return Enumerable.Range(0, pixels.Length / channels).Select(p =>
        {
            int r = pixels[channels * p], g = pixels[(channels * p) + 1], b = pixels[(channels * p) + 2];
            int a = opaque ? 255 : pixels[(channels * p) + 3];
            double luma = Math.Round(((0.299 * r) + (0.587 * g) + (0.114 * b)) * 1000) / 1000;
            return (byte)Math.Floor((((int)Math.Floor(luma + 0.5) * a) + (255.0 * (255 - a)) + 127) / 255);
        }).ToArray();
    }

    private static byte[] OverWhite(byte[] grey, byte[] alpha)
        => grey.Select((v, i) => (byte)(((v * alpha[i]) + (255 * (255 - alpha[i])) + 127) / 255)).ToArray();

    /// <summary>A 28 × 28 8-bit grey PNG whose IDAT holds exactly <paramref name="rows"/> (filter bytes included).</summary>
    private static byte[] WithImageData(byte[] rows, bool compress = true)
    {
        byte[] png = PngWriter.Grey28(new byte[784]);
        return [.. png[..33], .. IdatAndEnd(rows, compress)];
    }

    /// <summary>An IDAT chunk holding <paramref name="rows"/>, then IEND.</summary>
    private static byte[] IdatAndEnd(byte[] rows, bool compress = true)
    {
        var tail = new MemoryStream();
        PngWriter.Chunk(tail, "IDAT", compress ? PngWriter.Compress(rows) : rows);
        PngWriter.Chunk(tail, "IEND", []);
        return tail.ToArray();
    }

    private static byte[] HeaderOnly(int width, int height, int bitDepth, byte colourType, byte interlace)
    {
        byte[] png = PngWriter.Write(1, 1, colourType, [0], palette: colourType == PngWriter.Palette ? [0, 0, 0] : null, interlace: interlace);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), (uint)height);
        png[24] = (byte)bitDepth;
        return WithCrc(png, 8);
    }

    /// <summary>Recomputes the CRC of the chunk at <paramref name="offset"/> after a test changed its data.</summary>
    private static byte[] WithCrc(byte[] png, int offset)
    {
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
        uint crc = System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(offset + 4, 4 + length));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(offset + 8 + length), crc);
        return png;
    }
}
