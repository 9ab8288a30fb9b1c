using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using Neuroslyn.Samples.InferenceService.Imaging;
using SkiaSharp;
using Xunit;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>The service's image decoder (SkiaSharp's codecs), against PNGs written by <see cref="PngWriter"/> and JPEG and WebP files written by SkiaSharp.</summary>
public sealed class ImageDecoderTests
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

        byte[] paletted = ImageDecoder.Decode(PngWriter.Write(Width, Height, PngWriter.Palette, indices, bitDepth, palette, alpha, y => y % 5)).Pixels;
        byte[] colours = indices.SelectMany(i => new[] { palette[3 * i], palette[(3 * i) + 1], palette[(3 * i) + 2], i < alpha.Length ? alpha[i] : (byte)255 }).ToArray();
        Assert.Equal(Luma(colours, opaque: false), paletted);

        byte[] grey = ImageDecoder.Decode(PngWriter.Write(Width, Height, PngWriter.Grey, indices, bitDepth, filterOf: y => y % 5)).Pixels;
        Assert.Equal(indices.Select(i => (byte)(i * 255 / (levels - 1))), grey);
    }

    [Fact]
    public void A_Fashion_MNIST_image_comes_back_byte_for_byte()
    {
        byte[] image = TestImages.Image(0);
        GreyImage decoded = ImageDecoder.Decode(PngWriter.Grey28(image));
        Assert.Equal((28, 28), (decoded.Width, decoded.Height));
        Assert.Equal(image, decoded.Pixels);
    }

    [Fact]
    public void Jpeg_and_webp_decode_to_the_same_luminance_within_their_loss()
    {
        byte[] image = TestImages.Image(3);
        foreach (SKEncodedImageFormat format in new[] { SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Webp })
        {
            GreyImage decoded = ImageDecoder.Decode(Encode(image, 28, 28, format, quality: 100));
            Assert.Equal((28, 28), (decoded.Width, decoded.Height));
            int worst = decoded.Pixels.Zip(image, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= 16, $"{format}: a pixel is off by {worst}");
        }
    }

    [Fact]
    public void A_large_jpeg_is_decoded_scaled_down_by_its_codec()
    {
        byte[] image = Enumerable.Range(0, 2048 * 1536).Select(i => (byte)(i % 2048 / 8)).ToArray(); // a horizontal ramp
        GreyImage decoded = ImageDecoder.Decode(Encode(image, 2048, 1536, SKEncodedImageFormat.Jpeg, quality: 90));

        // libjpeg-turbo scales by eighths: 2048 → 256 wide, the nearest at least 112 (four times the network's side).
        Assert.Equal((256, 192), (decoded.Width, decoded.Height));
        Assert.InRange(decoded.Pixels[(100 * 256) + 128], 120, 136);
    }

    [Theory]
    [InlineData(1, 40, 20, 0)] // TopLeft: as stored, the bright band on the left
    [InlineData(6, 20, 40, 1)] // RightTop (a phone held upright): turned a quarter clockwise, the band on top
    [InlineData(8, 20, 40, 3)] // LeftBottom: turned a quarter anticlockwise, the band at the bottom
    [InlineData(3, 40, 20, 2)] // BottomRight: turned half, the band on the right
    public void A_jpeg_is_turned_upright_as_its_exif_orientation_says(int orientation, int width, int height, int bandSide)
    {
        // Stored 40 × 20 with a bright band in its first 8 columns.
        byte[] stored = Enumerable.Range(0, 40 * 20).Select(i => i % 40 < 8 ? (byte)255 : (byte)0).ToArray();
        byte[] jpeg = WithExifOrientation(Encode(stored, 40, 20, SKEncodedImageFormat.Jpeg, quality: 100), orientation);

        GreyImage upright = ImageDecoder.Decode(jpeg);

        Assert.Equal((width, height), (upright.Width, upright.Height));
        // The band's side: 0 left, 1 top, 2 right, 3 bottom; check a pixel well inside the band and one well outside.
        (int x, int y) inside = bandSide switch { 0 => (2, height / 2), 1 => (width / 2, 2), 2 => (width - 3, height / 2), _ => (width / 2, height - 3) };
        (int x, int y) outside = bandSide switch { 0 => (width - 3, height / 2), 1 => (width / 2, height - 3), 2 => (2, height / 2), _ => (width / 2, 2) };
        Assert.True(upright.Pixels[(inside.y * width) + inside.x] > 200, "the band is not where the orientation puts it");
        Assert.True(upright.Pixels[(outside.y * width) + outside.x] < 50, "the band is where the orientation does not put it");
    }

    [Fact]
    public void Not_an_image_says_so_and_names_formats_it_does_not_read()
    {
        Assert.Equal("The upload is not an image in a format the service reads (PNG, JPEG, WebP, GIF or BMP): its first bytes match none of them.",
            Problem("just text"u8.ToArray()));
        Assert.StartsWith("The upload is a TIFF file, which the service does not decode; save it as PNG or JPEG", Problem([(byte)'I', (byte)'I', 0x2A, 0, 8, 0, 0, 0]), StringComparison.Ordinal);
        Assert.StartsWith("The upload is empty", Problem([]), StringComparison.Ordinal);
        Assert.StartsWith("The upload starts like a JPEG image, but its header cannot be read", Problem([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_byte_is_corrupt_data()
    {
        byte[] png = PngWriter.Grey28(TestImages.Image(1));
        png[45] ^= 0x40; // inside the IDAT data (the IHDR chunk ends at byte 33): its CRC no longer matches

        Assert.Equal("The PNG image's data is corrupt: the decoder stopped on an error in it.", Problem(png));
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated()
    {
        byte[] png = PngWriter.Grey28(TestImages.Image(1));

        Assert.Equal("The PNG image's data ends before all its pixels are decoded: the file is truncated or corrupt.", Problem(png[..(png.Length / 2)]));
        Assert.StartsWith("The upload starts like a PNG image, but its header cannot be read", Problem(png[..20]), StringComparison.Ordinal);
        byte[] jpeg = Encode(TestImages.Image(1), 28, 28, SKEncodedImageFormat.Jpeg, quality: 90);
        Assert.Equal("The JPEG image's data ends before all its pixels are decoded: the file is truncated or corrupt.", Problem(jpeg[..(jpeg.Length * 3 / 4)]));
    }

    [Fact]
    public void Image_data_shorter_than_the_header_says_is_truncated_and_longer_is_not_read()
    {
        byte[] rows = new byte[29 * 28]; // filter byte + 28 pixels, 28 rows
        Assert.Equal("The PNG image's data ends before all its pixels are decoded: the file is truncated or corrupt.", Problem(WithImageData(rows[..^1])));
        Assert.Equal(784, ImageDecoder.Decode(WithImageData([.. rows, 0])).Pixels.Length);
        Assert.StartsWith("The PNG image", Problem(WithImageData(rows, compress: false)), StringComparison.Ordinal); // not zlib at all
    }

    [Fact]
    public void A_zlib_stream_that_asks_for_a_preset_dictionary_is_corrupt()
    {
        // Issue 22, item 13: the decoder of our own let zlib's ZLibException (an IOException) escape as a 500.
        Assert.Equal("The PNG image's data is corrupt: the decoder stopped on an error in it.", Problem(TestPngs.WithPresetDictionary()));
    }

    [Fact]
    public void A_decompression_bomb_is_read_only_as_far_as_the_headers_rows()
    {
        // 20 MB of zeros compress to about 20 KB; the codec inflates the 28 rows the header declares and no more.
        byte[] bomb = WithImageData(new byte[20_000_000]);
        Assert.True(bomb.Length < 100_000);
        var time = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(784, ImageDecoder.Decode(bomb).Pixels.Length);
        Assert.True(time.ElapsedMilliseconds < 1000, $"{time.ElapsedMilliseconds} ms: the codec inflated past the image");
    }

    [Fact]
    public void An_unknown_filter_type_is_corrupt()
    {
        byte[] rows = new byte[29 * 28];
        rows[29 * 3] = 5;
        Assert.Equal("The PNG image's data is corrupt: the decoder stopped on an error in it.", Problem(WithImageData(rows)));
    }

    [Fact]
    public void Too_many_pixels_and_invalid_headers_are_refused_before_decoding()
    {
        Assert.Equal("The image is 2,049 × 10 pixels; at most 2048 × 2048 are accepted (it is scaled down to 28 × 28 anyway).",
            Problem(HeaderOnly(2049, 10, 8, PngWriter.Grey, 0)));
        Assert.Equal("The image is 100,000 × 100,000 pixels; at most 2048 × 2048 are accepted (it is scaled down to 28 × 28 anyway).",
            Problem(HeaderOnly(100_000, 100_000, 8, PngWriter.Grey, 0)));
        Assert.StartsWith("The upload starts like a PNG image, but its header cannot be read",
            Problem(HeaderOnly(28, 28, 16, PngWriter.Palette, 0)), StringComparison.Ordinal);
        Assert.StartsWith("The upload starts like a PNG image, but its header cannot be read",
            Problem(HeaderOnly(int.MaxValue, int.MaxValue, 8, PngWriter.Grey, 0)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_header_is_corrupt()
    {
        byte[] png = PngWriter.Grey28(new byte[784]);
        Assert.StartsWith("The upload starts like a PNG image, but its header cannot be read", Problem([.. png[..33], .. png[8..]]), StringComparison.Ordinal);
    }

    [Fact]
    public void Sixteen_bit_samples_use_their_high_byte()
    {
        // Two 16-bit grey pixels, big-endian, after the row's filter byte.
        byte[] png = [.. HeaderOnly(2, 1, 16, PngWriter.Grey, 0)[..33], .. IdatAndEnd([0, 0x12, 0x34, 0xAB, 0xCD])];
        Assert.Equal(new byte[] { 0x12, 0xAB }, ImageDecoder.Decode(png).Pixels);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Any_changed_or_cut_file_gives_an_image_exception_or_an_image_never_another_exception(SKEncodedImageFormat format)
    {
        // What else of item 13's kind can escape: random bytes changed, and cuts at random places, 2,000 of each; for
        // PNG the CRCs are fixed up again, so that the change reaches the zlib stream and the rows instead of the CRC check.
        byte[] original = format == SKEncodedImageFormat.Png
            ? PngWriter.Write(40, 30, PngWriter.Rgba, Enumerable.Range(0, 40 * 30 * 4).Select(i => (byte)(i * 7)).ToArray(), filterOf: y => y % 5)
            : Encode(TestImages.Image(2), 28, 28, format, quality: 80);
        var random = new Random(22);
        for (int trial = 0; trial < 4000; trial++)
        {
            byte[] bytes = trial % 2 == 0 ? (byte[])original.Clone() : original[..random.Next(original.Length)];
            if (trial % 2 == 0)
            {
                for (int k = random.Next(1, 4); k > 0; k--)
                {
                    bytes[random.Next(8, bytes.Length)] = (byte)random.Next(256);
                }

                if (format == SKEncodedImageFormat.Png)
                {
                    FixCrcs(bytes);
                }
            }

            try
            {
                GreyImage image = ImageDecoder.Decode(bytes);
                Assert.Equal(image.Width * image.Height, image.Pixels.Length);
            }
            catch (ImageException)
            {
            }
        }
    }

    /// <summary>Skia's encoder for a grey image: an independent JPEG or WebP writer.</summary>
    private static byte[] Encode(byte[] grey, int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        grey.CopyTo(bitmap.GetPixelSpan());
        using SKData data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>Inserts an APP1 Exif segment with one tag, Orientation (0x0112), right after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at byte 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0, // no next IFD
        ];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        int length = payload.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg[2..]];
    }

    /// <summary>Recomputes every whole chunk's CRC, where a changed length leaves the chunks walkable.</summary>
    private static void FixCrcs(byte[] png)
    {
        for (int offset = 8; offset + 12 <= png.Length;)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            if (length > png.Length - offset - 12)
            {
                return;
            }

            WithCrc(png, offset);
            offset += 12 + (int)length;
        }
    }

    private static byte[] Decode(byte colourType, byte[] samples, int filter)
        => ImageDecoder.Decode(PngWriter.Write(Width, Height, colourType, samples, filterOf: _ => filter)).Pixels;

    private static string Problem(byte[] png) => Assert.Throws<ImageException>(() => ImageDecoder.Decode(png)).Message;

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
