using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Neuroslyn.Data;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("neuroslyn-idx-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    // ---- Round trips ----------------------------------------------------------------------------------------

    public static TheoryData<int[]> Shapes => new()
    {
        new[] { 5 },
        new[] { 2, 3 },
        new[] { 3, 4, 5 },
        new[] { 2, 3, 4, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RoundTripsRawInMemory(int[] shape)
    {
        byte[] data = Ramp(shape.Aggregate(1, (a, b) => a * b));
        IdxArray result = IdxReader.Read(new MemoryStream(Idx(0x08, shape, data)));
        Assert.Equal(shape, result.Dimensions);
        Assert.Equal(data, result.Data);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RoundTripsGzippedInMemory(int[] shape)
    {
        byte[] data = Ramp(shape.Aggregate(1, (a, b) => a * b));
        IdxArray result = IdxReader.Read(new MemoryStream(Gzip(Idx(0x08, shape, data))));
        Assert.Equal(shape, result.Dimensions);
        Assert.Equal(data, result.Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripsThroughANonSeekableStream(bool gzip)
    {
        byte[] data = Ramp(24);
        byte[] file = Idx(0x08, [2, 3, 4], data);
        IdxArray result = IdxReader.Read(new NonSeekableStream(gzip ? Gzip(file) : file));
        Assert.Equal(new[] { 2, 3, 4 }, result.Dimensions);
        Assert.Equal(data, result.Data);
    }

    [Fact]
    public void RoundTripsDataLargerThanOneReadChunk()
    {
        // 3 MB: more than the reader's first chunk, so the buffer has to grow while decompressing.
        int[] shape = [3, 1000, 1000];
        byte[] data = Ramp(3_000_000);
        IdxArray result = IdxReader.Read(new NonSeekableStream(Gzip(Idx(0x08, shape, data))));
        Assert.Equal(shape, result.Dimensions);
        Assert.Equal(data, result.Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripsFromAFile(bool gzip)
    {
        byte[] data = Ramp(12);
        byte[] file = Idx(0x08, [3, 4], data);
        string path = Write("sample-idx2-ubyte" + (gzip ? ".gz" : ""), gzip ? Gzip(file) : file);
        IdxArray result = IdxReader.Read(path);
        Assert.Equal(new[] { 3, 4 }, result.Dimensions);
        Assert.Equal(data, result.Data);
    }

    [Fact]
    public void ReadsAStreamFromItsCurrentPositionAndLeavesItOpen()
    {
        byte[] data = Ramp(6);
        byte[] file = [0xAA, 0xBB, .. Idx(0x08, [6], data)];
        var stream = new MemoryStream(file) { Position = 2 };
        IdxArray result = IdxReader.Read(stream);
        Assert.Equal(data, result.Data);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void DimensionsCannotBeModifiedThroughTheInterface()
    {
        IdxArray result = IdxReader.Read(new MemoryStream(Idx(0x08, [2, 3], Ramp(6))));
        Assert.False(result.Dimensions is int[]);
        Assert.True(result.Dimensions is IList<int> list && list.IsReadOnly);
    }

    // ---- Validation -----------------------------------------------------------------------------------------

    /// <summary>Malformed files, each with a fragment its message must contain; tried raw and gzipped.</summary>
    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "empty", [], "the file is empty" },
        { "short magic", [0, 0, 8], "the file ends inside the magic number: expected 4 bytes but found 3" },
        { "nonzero magic", [0x01, 0x02, 0x08, 0x01, 0, 0, 0, 1, 7], "the magic number must start with two zero bytes but starts with 0x01 0x02" },
        { "half-nonzero magic", [0x00, 0x10, 0x08, 0x01, 0, 0, 0, 1, 7], "starts with 0x00 0x10" },
        { "float type", Idx(0x0D, [1], [0, 0, 0, 0]), "type code 0x0D (32-bit float) is not supported; only 0x08 (unsigned byte) is" },
        { "int type", Idx(0x0C, [1], [0, 0, 0, 0]), "type code 0x0C (32-bit integer) is not supported" },
        { "unknown type", Idx(0x42, [1], [0]), "type code 0x42 (not an IDX type) is not supported" },
        { "no dimensions", [0, 0, 8, 0], "the header declares 0 dimensions; expected 1 to 4" },
        { "five dimensions", Idx(0x08, [1, 1, 1, 1, 1], [9]), "the header declares 5 dimensions; expected 1 to 4" },
        { "truncated header", [0, 0, 8, 3, 0, 0, 0, 2, 0, 0], "the file ends inside the header: expected 16 header bytes (the magic number and 3 dimension sizes) but found 10" },
        { "zero dimension", Idx(0x08, [2, 0, 3], []), "dimension 1 has size 0; every dimension must be positive" },
        { "negative dimension", Idx(0x08, [int.MinValue], []), "dimension 0 has size -2147483648; every dimension must be positive" },
        { "over the cap", Idx(0x08, [65536, 65536], []), "the header declares 65536 × 65536 = 4294967296 bytes of data, more than the limit of 1073741824 bytes" },
        { "just over the cap", Idx(0x08, [(1 << 30) + 1], []), "the header declares 1073741825 bytes of data, more than the limit of 1073741824 bytes" },
        { "beyond a long", Idx(0x08, [int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue], []),
            "2147483647 × 2147483647 × 2147483647 × 2147483647 = 21267647892944572736998860269687930881 bytes of data, more than the limit" },
        { "truncated data", Idx(0x08, [2, 3], [1, 2, 3, 4]), "the header declares 2 × 3 = 6 bytes of data but the file holds 4" },
        { "no data", Idx(0x08, [4], []), "the header declares 4 bytes of data but the file holds 0" },
        { "trailing data", Idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]), "the header declares 2 × 3 = 6 bytes of data but the file holds 9" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void RejectsMalformedRawData(string name, byte[] file, string expected)
    {
        _ = name;
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file)));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("IDX data: ", error.Message);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void RejectsMalformedRawDataFromANonSeekableStream(string name, byte[] file, string expected)
    {
        _ = name;
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new NonSeekableStream(file)));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void RejectsMalformedGzippedData(string name, byte[] file, string expected)
    {
        _ = name;
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(Gzip(file))));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void NamesTheFileInEveryError(string name, byte[] file, string expected)
    {
        _ = name;
        string raw = Write("broken-idx-ubyte", file);
        string gz = Write("broken-idx-ubyte.gz", Gzip(file));

        var rawError = Assert.Throws<InvalidDataException>(() => IdxReader.Read(raw));
        Assert.StartsWith("broken-idx-ubyte: ", rawError.Message);
        Assert.Contains(expected, rawError.Message);

        var gzError = Assert.Throws<InvalidDataException>(() => IdxReader.Read(gz));
        Assert.StartsWith("broken-idx-ubyte.gz: ", gzError.Message);
        Assert.Contains(expected, gzError.Message);

        using var stream = File.OpenRead(raw);
        var streamError = Assert.Throws<InvalidDataException>(() => IdxReader.Read(stream));
        Assert.StartsWith("broken-idx-ubyte: ", streamError.Message);
    }

    [Fact]
    public void ReportsTheExampleMessageForATruncatedGzippedFile()
    {
        string path = Write("train-images-idx3-ubyte.gz", Gzip(Idx(0x08, [60000, 28, 28], Ramp(1234))));
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.StartsWith("train-images-idx3-ubyte.gz: the header declares 60000 × 28 × 28 = 47040000 bytes of data but the file holds 1234", error.Message);
        Assert.Contains("after decompression", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CountsTrailingBytes(bool gzip)
    {
        byte[] file = Idx(0x08, [2, 3], Ramp(6 + 100_000));
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new NonSeekableStream(gzip ? Gzip(file) : file)));
        Assert.Contains("the header declares 2 × 3 = 6 bytes of data but the file holds 100006", error.Message);
        Assert.Contains("(100000 trailing bytes)", error.Message);
    }

    [Fact]
    public void RejectsCorruptGzipNamingTheFile()
    {
        // The gzip magic followed by an invalid compression method.
        string path = Write("corrupt.gz", [0x1F, 0x8B, 0x63, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.StartsWith("corrupt.gz: the gzip-compressed data is corrupt", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void RejectsATruncatedGzipStream()
    {
        byte[] gz = Gzip(Idx(0x08, [100, 100], Ramp(10_000)));
        string path = Write("cut.gz", gz.AsSpan(0, gz.Length / 2).ToArray());
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.StartsWith("cut.gz: ", error.Message);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void DoesNotAllocateWhatATruncatedFileMerelyDeclares(bool gzip, bool seekable)
    {
        // Declares exactly the cap (1 GiB, which is allowed) but holds 10 bytes.
        byte[] file = Idx(0x08, [1 << 15, 1 << 15], Ramp(10));
        if (gzip)
            file = Gzip(file);
        Stream stream = seekable ? new MemoryStream(file) : new NonSeekableStream(file);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(stream));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("32768 × 32768 = 1073741824 bytes of data but the file holds 10", error.Message);
        Assert.True(allocated < 4 << 20, $"reading a 10-byte file allocated {allocated} bytes");
    }

    // ---- The shipped Fashion-MNIST subset ----------------------------------------------------------------------

    private static string Subset(string file) => RepositoryPaths.Combine("samples", "FashionMnist", "data", file);

    [Theory]
    [InlineData("train-images-idx3-ubyte.gz", 4000)]
    [InlineData("t10k-images-idx3-ubyte.gz", 1000)]
    public void ReadsTheShippedImages(string file, int count)
    {
        IdxArray images = IdxReader.Read(Subset(file));
        Assert.Equal(new[] { count, 28, 28 }, images.Dimensions);
        Assert.Equal(count * 28 * 28, images.Data.Length);
    }

    [Fact]
    public void LoadsTheShippedTrainingSet()
    {
        LabeledImages train = LabeledImages.Load(Subset("train-images-idx3-ubyte.gz"), Subset("train-labels-idx1-ubyte.gz"));

        Assert.Equal(4000, train.Count);
        Assert.Equal(28, train.Rows);
        Assert.Equal(28, train.Columns);
        Assert.Equal(784, train.Features);
        Assert.Equal(4000 * 784, train.Pixels.Length);
        Assert.Equal(4000, train.Labels.Length);
        Assert.All(train.Labels, label => Assert.InRange(label, 0, 9));
        Assert.Equal(Enumerable.Range(0, 10), train.Labels.Distinct().Order());
        Assert.All(train.Pixels, p => Assert.InRange(p, 0f, 1f));

        // Checked against the Debian package's full files with Python's gzip module:
        //   labels = gzip.open('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz').read()[8:]
        //   images = gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read()[16:]
        // labels[:10] == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5] (9 = ankle boot), labels[3999] == 1,
        // sum(images[:784]) == 76247, images[14 * 28 + 12] == 237, sum(images[3999 * 784 : 4000 * 784]) == 46689.
        Assert.Equal(9, train.Labels[0]);
        Assert.Equal(new[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 }, train.Labels.Take(10));
        Assert.Equal(1, train.Labels[3999]);
        Assert.Equal(237 / 255f, train.Pixels[14 * 28 + 12]);
        Assert.Equal(76247, ByteSum(train, 0));
        Assert.Equal(46689, ByteSum(train, 3999));
    }

    [Fact]
    public void LoadsTheShippedTestSet()
    {
        LabeledImages test = LabeledImages.Load(Subset("t10k-images-idx3-ubyte.gz"), Subset("t10k-labels-idx1-ubyte.gz"));

        Assert.Equal(1000, test.Count);
        Assert.Equal(28, test.Rows);
        Assert.Equal(28, test.Columns);
        Assert.Equal(1000 * 784, test.Pixels.Length);
        Assert.All(test.Labels, label => Assert.InRange(label, 0, 9));

        // Checked like the training set: t10k labels[:10] == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7], sum(images[:784]) == 33456.
        Assert.Equal(new[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 }, test.Labels.Take(10));
        Assert.Equal(33456, ByteSum(test, 0));
    }

    [Fact]
    public void LoadRejectsImagesThatAreNotThreeDimensional()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => LabeledImages.Load(Subset("train-labels-idx1-ubyte.gz"), Subset("train-labels-idx1-ubyte.gz")));
        Assert.Equal("train-labels-idx1-ubyte.gz: expected images, a 3-dimensional IDX file (count × rows × columns), but the file has 1 dimension (4000).", error.Message);
    }

    [Fact]
    public void LoadRejectsLabelsThatAreNotOneDimensional()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => LabeledImages.Load(Subset("t10k-images-idx3-ubyte.gz"), Subset("t10k-images-idx3-ubyte.gz")));
        Assert.Equal("t10k-images-idx3-ubyte.gz: expected labels, a 1-dimensional IDX file (count), but the file has 3 dimensions (1000 × 28 × 28).", error.Message);
    }

    [Fact]
    public void LoadRejectsCountsThatDiffer()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => LabeledImages.Load(Subset("train-images-idx3-ubyte.gz"), Subset("t10k-labels-idx1-ubyte.gz")));
        Assert.Equal("train-images-idx3-ubyte.gz holds 4000 images but t10k-labels-idx1-ubyte.gz holds 1000 labels; the counts must match.", error.Message);
    }

    [Fact]
    public void LoadScalesBytesToUnitRange()
    {
        string images = Write("tiny-images", Idx(0x08, [2, 1, 3], [0, 1, 127, 128, 254, 255]));
        string labels = Write("tiny-labels.gz", Gzip(Idx(0x08, [2], [7, 3])));
        LabeledImages set = LabeledImages.Load(images, labels);
        Assert.Equal((2, 1, 3, 3), (set.Count, set.Rows, set.Columns, set.Features));
        Assert.Equal(new[] { 0f, 1 / 255f, 127 / 255f, 128 / 255f, 254 / 255f, 1f }, set.Pixels);
        Assert.Equal(new[] { 7, 3 }, set.Labels);
    }

    [Fact]
    public void ConstructorChecksTheSizes()
    {
        Assert.Throws<ArgumentException>(() => new LabeledImages(2, 2, 2, new float[7], new int[2]));
        Assert.Throws<ArgumentException>(() => new LabeledImages(2, 2, 2, new float[8], new int[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabeledImages(2, 0, 2, new float[0], new int[2]));
        Assert.Equal(4, new LabeledImages(2, 2, 2, new float[8], new int[2]).Features);
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    /// <summary>An IDX file: two zero bytes, the type code, the rank, big-endian sizes, then the data as given.</summary>
    private static byte[] Idx(byte type, int[] dimensions, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)dimensions.Length };
        foreach (int d in dimensions)
            bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>Distinct-looking values 0, 7, 14, … (mod 256), so that misplaced bytes are noticed.</summary>
    private static byte[] Ramp(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
            bytes[i] = (byte)(i * 7 + i / 256);
        return bytes;
    }

    private static int ByteSum(LabeledImages set, int image) =>
        set.Pixels.Skip(image * set.Features).Take(set.Features).Sum(p => (int)MathF.Round(p * 255f));

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_temp, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A read-only stream that cannot seek and returns at most 1000 bytes per read.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
