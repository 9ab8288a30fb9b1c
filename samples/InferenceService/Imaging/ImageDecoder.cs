using System;
using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>
/// Decodes an uploaded image (PNG, JPEG, WebP, GIF, BMP) into 8-bit luminance with SkiaSharp's codecs, upright as its
/// EXIF orientation says; anything that goes wrong is an <see cref="ImageException"/> that says what.
/// </summary>
/// <remarks>
/// <para>
/// SkiaSharp rather than a decoder of our own: Skia's codecs (libpng, libjpeg-turbo, libwebp, ...) are fuzzed and kept
/// up to date by Google and read every variant a user's file may use (interlaced PNGs, progressive JPEGs, lossless
/// WebP), and a user's photo is as often a JPEG as a PNG. They are native code, so the library ships beside the Native
/// AOT binary (libSkiaSharp.so in the publish folder).
/// </para>
/// <para>
/// Memory is bounded before any pixel is decoded: the codec reads the size from the header and anything over
/// <see cref="MaxSide"/> on a side is refused, so a decode needs at most 4 bytes per pixel of 2048 × 2048 (16 MiB) plus
/// the codec's own state; a JPEG or WebP is decoded straight to a smaller size where its codec can (libjpeg-turbo
/// scales by eighths while it decodes). Data past the last row (a "zip bomb" of image data) is never inflated.
/// How many decodes run at once is bounded by the caller (<see cref="DecodingGate"/>).
/// </para>
/// </remarks>
internal static class ImageDecoder
{
    /// <summary>The largest width or height accepted: the image is scaled to 28 × 28, so more only costs memory.</summary>
    public const int MaxSide = 2048;

    /// <summary>
    /// The decode buffers: a pool of its own, not <see cref="ArrayPool{T}.Shared"/>, whose per-thread slots would keep an
    /// 8 or 16 MiB buffer for every thread that ever decoded (about 200 MB under the mixed load test). As many per size
    /// as there are processors, the default number of decoders; a buffer beyond that is left to the GC.
    /// </summary>
    private static readonly ArrayPool<byte> s_buffers = ArrayPool<byte>.Create(4 * MaxSide * MaxSide, Environment.ProcessorCount);

    /// <summary>The longer side a scalable codec is asked for: four times the network's input, so area averaging still has pixels to average.</summary>
    private const int ScaledSide = 4 * FashionMnistImage.Side;

    /// <summary>The image, its pixels in an array of their own.</summary>
    public static GreyImage Decode(ArraySegment<byte> bytes)
        => Decode(bytes, image => image with { Pixels = image.Pixels[..(image.Width * image.Height)] });

    /// <summary>
    /// Decodes and hands the image to <paramref name="use"/>, whose <see cref="GreyImage.Pixels"/> may be longer than
    /// width × height and are valid only during the call: a pooled buffer, so that a stream of uploads allocates nothing
    /// large per request.
    /// </summary>
    public static T Decode<T>(ArraySegment<byte> bytes, Func<GreyImage, T> use)
    {
        if (bytes.Count == 0)
        {
            throw new ImageException("The upload is empty: send the image's bytes as the body or as a form file.");
        }

        // Skia reads the upload where it is (pinned, not copied), and decodes into a pooled buffer, which then holds the
        // grey pixels too: at 2 MiB to 16 MiB each would otherwise be a fresh large-object-heap array per request, which
        // only a full collection frees (under a stream of 2 MiB uploads the large-object heap reached 335 MB).
        GCHandle pinned = GCHandle.Alloc(bytes.Array, GCHandleType.Pinned);
        byte[]? rgba = null;
        try
        {
            using SKData data = SKData.Create(pinned.AddrOfPinnedObject() + bytes.Offset, bytes.Count);
            using SKCodec codec = Open(data, ImageFormat.Name(bytes));
            string format = Name(codec.EncodedFormat);
            (int width, int height) = (codec.Info.Width, codec.Info.Height);
            if (width <= 0 || height <= 0)
            {
                throw new ImageException($"The {format} image is {width} × {height} pixels: an image needs at least one pixel.");
            }

            if (width > MaxSide || height > MaxSide)
            {
                throw new ImageException($"The image is {width:N0} × {height:N0} pixels; at most {MaxSide} × {MaxSide} are accepted (it is scaled down to 28 × 28 anyway).");
            }

            // Colour space left unset: Skia then converts no colours, so a grey PNG's bytes come out exactly as stored.
            SKSizeI size = codec.GetScaledDimensions(Math.Min(1f, (float)ScaledSide / Math.Max(width, height)));
            var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            rgba = s_buffers.Rent(target.BytesSize);
            GCHandle output = GCHandle.Alloc(rgba, GCHandleType.Pinned);
            SKCodecResult result;
            try
            {
                result = codec.GetPixels(target, output.AddrOfPinnedObject());
            }
            finally
            {
                output.Free();
            }

            if (result != SKCodecResult.Success)
            {
                throw new ImageException(Problem(format, result));
            }

            // In place: grey pixel x is written after its RGBA is read.
            Luminance.FromRgba(rgba.AsSpan(0, target.BytesSize), rgba.AsSpan(0, size.Width * size.Height));
            return use(Orientation.Upright(new GreyImage(size.Width, size.Height, rgba), codec.EncodedOrigin));
        }
        finally
        {
            pinned.Free();
            if (rgba is not null)
            {
                s_buffers.Return(rgba);
            }
        }
    }

    private static SKCodec Open(SKData data, string? sniffed)
    {
        SKCodec? codec = SKCodec.Create(new SKMemoryStream(data), out SKCodecResult result);
        if (codec is not null)
        {
            return codec;
        }

        throw new ImageException(sniffed switch
        {
            null => $"The upload is not an image in a format the service reads ({ImageFormat.Readable}): its first bytes match none of them.",
            "TIFF" or "AVIF" or "HEIC" or "PDF" => $"The upload is a {sniffed} file, which the service does not decode; save it as PNG or JPEG and send it again.",
            _ => $"The upload starts like a {sniffed} image, but its header cannot be read ({Describe(result)}): the file is truncated or corrupt.",
        });
    }

    private static string Problem(string format, SKCodecResult result) => result switch
    {
        // Skia reports zlib streams that stop early and some that are corrupt alike.
        SKCodecResult.IncompleteInput => $"The {format} image's data ends before all its pixels are decoded: the file is truncated or corrupt.",
        SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => $"The {format} image's data is corrupt: the decoder stopped on an error in it.",
        SKCodecResult.Unimplemented => $"The {format} image uses a feature that the decoder does not support; save it again as a plain PNG or JPEG.",
        _ => $"The {format} image could not be decoded ({Describe(result)}).",
    };

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "it ends too soon",
        SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => "it is malformed",
        SKCodecResult.Unimplemented => "it uses a variant the decoder does not support",
        _ => $"the decoder answered {result}",
    };

    private static string Name(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => "PNG",
        SKEncodedImageFormat.Jpeg => "JPEG",
        SKEncodedImageFormat.Webp => "WebP",
        SKEncodedImageFormat.Gif => "GIF",
        SKEncodedImageFormat.Bmp => "BMP",
        SKEncodedImageFormat.Ico => "ICO",
        SKEncodedImageFormat.Wbmp => "WBMP",
        _ => format.ToString(),
    };
}
