using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Neuroslyn.Generator.Tests;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>Real Fashion-MNIST test images, as bytes, from the subset shipped with the training sample.</summary>
internal static class TestImages
{
    private static readonly Lazy<(byte[] Pixels, byte[] Labels)> s_data = new(Load);

    public static int Count => s_data.Value.Labels.Length;

    /// <summary>Test image <paramref name="index"/>: 784 bytes, row by row, white object on black.</summary>
    public static byte[] Image(int index) => s_data.Value.Pixels.AsSpan(index * 784, 784).ToArray();

    public static int Label(int index) => s_data.Value.Labels[index];

    /// <summary>The JSON form of an image: each byte / 255, as the training data were scaled.</summary>
    public static float[] Scaled(byte[] image) => image.Select(b => b / 255f).ToArray();

    private static (byte[], byte[]) Load()
    {
        string folder = RepositoryPaths.Combine("samples", "FashionMnist", "data");
        byte[] images = Gunzip(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"));
        byte[] labels = Gunzip(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        return (images[16..], labels[8..]); // after the IDX headers
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }
}
