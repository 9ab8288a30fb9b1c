using System;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>Names a file's format from its first bytes, so that every message can say what the upload looks like.</summary>
internal static class ImageFormat
{
    /// <summary>The formats <see cref="ImageDecoder"/> reads, as the messages list them.</summary>
    public const string Readable = "PNG, JPEG, WebP, GIF or BMP";

    /// <summary>"PNG", "JPEG", ... for a known signature, including formats the decoder does not read; null if unknown.</summary>
    public static string? Name(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "PNG",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "GIF",
        [(byte)'B', (byte)'M', ..] => "BMP",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "WebP",
        [(byte)'I', (byte)'I', 0x2A, 0x00, ..] or [(byte)'M', (byte)'M', 0x00, 0x2A, ..] => "TIFF",
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'a', (byte)'v', (byte)'i', ..] => "AVIF",
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i' or (byte)'e', ..] => "HEIC",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "PDF",
        _ => null,
    };
}
