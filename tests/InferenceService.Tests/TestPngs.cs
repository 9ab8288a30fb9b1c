using System;
using System.IO;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>PNGs that more than one test class sends.</summary>
internal static class TestPngs
{
    /// <summary>Fashion-MNIST test image 0 as an 8-bit grey PNG.</summary>
    public static byte[] Grey28() => PngWriter.Grey28(TestImages.Image(0));

    /// <summary>
    /// A 28 × 28 grey PNG whose zlib stream sets FDICT (header 78 20, then a dictionary id): PNG forbids a preset
    /// dictionary, and zlib stops at once asking for one.
    /// </summary>
    public static byte[] WithPresetDictionary()
    {
        byte[] zlib = PngWriter.Compress(new byte[29 * 28]);
        byte[] data = [0x78, 0x20, 0x12, 0x34, 0x56, 0x78, .. zlib.AsSpan(2)];
        byte[] png = PngWriter.Grey28(new byte[784]);
        var file = new MemoryStream();
        file.Write(png.AsSpan(0, 33)); // signature and IHDR
        PngWriter.Chunk(file, "IDAT", data);
        PngWriter.Chunk(file, "IEND", []);
        return file.ToArray();
    }
}
