using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Neuroslyn.Data;

/// <summary>The contents of an IDX file: its dimensions and its data, in row-major order.</summary>
public sealed class IdxArray
{
    internal IdxArray(int[] dimensions, byte[] data)
    {
        Dimensions = Array.AsReadOnly(dimensions);
        Data = data;
    }

    /// <summary>The size of each dimension, outermost first (e.g. images × rows × columns).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The values, row-major (the last dimension varies fastest); its length is the product of <see cref="Dimensions"/>.</summary>
    public byte[] Data { get; }
}

/// <summary>
/// Reads files in the IDX format of MNIST and Fashion-MNIST: a 4-byte magic number (two zero bytes, a type code,
/// the number of dimensions), one big-endian 32-bit size per dimension, then the data. Only the unsigned-byte
/// type (code <c>0x08</c>) is supported. Gzip-compressed files are decompressed transparently.
/// </summary>
/// <remarks>
/// Everything is validated: a malformed, truncated or over-long file throws <see cref="InvalidDataException"/> with
/// a message naming the file (when known) and what was expected against what was found. At most
/// <see cref="MaxDataBytes"/> bytes of data are accepted, and memory grows with the data actually read, never with
/// what the header merely declares.
/// </remarks>
public static class IdxReader
{
    /// <summary>The largest amount of data (in bytes) a file may declare: 1 GiB.</summary>
    public const int MaxDataBytes = 1 << 30;

    private const byte UnsignedByteType = 0x08;
    private const int MaxDimensions = 4;
    private const int InitialChunk = 1 << 20;
    private const int ScratchSize = 1 << 16;

    /// <summary>Reads the IDX file at <paramref name="path"/>, gunzipping it when it starts with the gzip magic <c>1F 8B</c>.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The file's dimensions and data.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid unsigned-byte IDX file (or not valid gzip).</exception>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ScratchSize, FileOptions.SequentialScan);
        return ReadCore(file, Path.GetFileName(path));
    }

    /// <summary>
    /// Reads an IDX file from <paramref name="stream"/>, from its current position to its end, gunzipping it when it
    /// starts with the gzip magic <c>1F 8B</c>. The stream is not disposed.
    /// </summary>
    /// <param name="stream">The stream to read; error messages name its file when it is a <see cref="FileStream"/>.</param>
    /// <returns>The file's dimensions and data.</returns>
    /// <exception cref="InvalidDataException">The data is not a valid unsigned-byte IDX file (or not valid gzip).</exception>
    public static IdxArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCore(stream, stream is FileStream file ? Path.GetFileName(file.Name) : null);
    }

    private static IdxArray ReadCore(Stream stream, string? name)
    {
        var source = new Source(name);
        byte[] start = new byte[4];
        int started = source.Fill(stream, start, 0, start.Length);
        if (started >= 2 && start[0] == 0x1F && start[1] == 0x8B)
        {
            source.Compressed = true;
            using var gzip = new GZipStream(new PrefixedStream(start, started, stream), CompressionMode.Decompress, leaveOpen: true);
            return Parse(gzip, source, rawRemaining: null);
        }

        // Raw: the four bytes already read are the magic number (or all there is).
        return Parse(new PrefixedStream(start, started, stream), source, stream.CanSeek ? stream : null);
    }

    private static IdxArray Parse(Stream data, Source source, Stream? rawRemaining)
    {
        byte[] magic = new byte[4];
        int got = source.Fill(data, magic, 0, 4);
        if (got == 0)
            throw source.Error(source.Compressed ? "the file is empty after decompression; expected an IDX header" : "the file is empty; expected an IDX header");
        if (got < 4)
            throw source.Error($"the file ends inside the magic number: expected 4 bytes but found {got}");
        if (magic[0] != 0 || magic[1] != 0)
            throw source.Error($"the magic number must start with two zero bytes but starts with 0x{magic[0]:X2} 0x{magic[1]:X2}; this is not an IDX file");
        if (magic[2] != UnsignedByteType)
            throw source.Error($"type code 0x{magic[2]:X2} ({TypeName(magic[2])}) is not supported; only 0x08 (unsigned byte) is");
        int rank = magic[3];
        if (rank < 1 || rank > MaxDimensions)
            throw source.Error($"the header declares {rank} dimensions; expected 1 to {MaxDimensions}");

        byte[] sizes = new byte[4 * rank];
        got = source.Fill(data, sizes, 0, sizes.Length);
        if (got < sizes.Length)
            throw source.Error($"the file ends inside the header: expected {4 + sizes.Length} header bytes (the magic number and {rank} dimension sizes) but found {4 + got}");

        int[] dimensions = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int size = (sizes[4 * i] << 24) | (sizes[4 * i + 1] << 16) | (sizes[4 * i + 2] << 8) | sizes[4 * i + 3];
            if (size <= 0)
                throw source.Error($"dimension {i} has size {size}; every dimension must be positive");
            dimensions[i] = size;
        }

        // Each factor is below 2^31 and the running product is at most 2^30 before each multiplication, so it cannot
        // overflow a long; the message's figure is computed exactly with Int128.
        long length = 1;
        foreach (int size in dimensions)
        {
            length *= size;
            if (length > MaxDataBytes)
                throw source.Error($"the header declares {Product(dimensions)} bytes of data, more than the limit of {MaxDataBytes} bytes");
        }

        int declared = (int)length;
        byte[] values = rawRemaining is not null
            ? ReadKnownLength(data, source, dimensions, declared, rawRemaining.Length - rawRemaining.Position)
            : ReadUnknownLength(data, source, dimensions, declared);
        return new IdxArray(dimensions, values);
    }

    /// <summary>A seekable raw file: its remaining length is checked before anything is allocated.</summary>
    private static byte[] ReadKnownLength(Stream data, Source source, int[] dimensions, int declared, long available)
    {
        if (available != declared)
            throw LengthMismatch(source, dimensions, declared, available);
        byte[] values = new byte[declared];
        int got = source.Fill(data, values, 0, declared);
        if (got != declared)
            throw LengthMismatch(source, dimensions, declared, got);
        // A stream whose length changed while being read (e.g. a file still being written) is caught here.
        long trailing = CountRest(data, source);
        if (trailing != 0)
            throw LengthMismatch(source, dimensions, declared, declared + trailing);
        return values;
    }

    /// <summary>A compressed or non-seekable stream: read in chunks, growing the buffer only as data arrives.</summary>
    private static byte[] ReadUnknownLength(Stream data, Source source, int[] dimensions, int declared)
    {
        byte[] values = new byte[Math.Min(declared, InitialChunk)];
        int filled = 0;
        while (true)
        {
            filled += source.Fill(data, values, filled, values.Length - filled);
            if (filled < values.Length)
                throw LengthMismatch(source, dimensions, declared, filled);
            if (filled == declared)
                break;
            Array.Resize(ref values, (int)Math.Min((long)values.Length * 2, declared));
        }

        long trailing = CountRest(data, source);
        if (trailing != 0)
            throw LengthMismatch(source, dimensions, declared, declared + trailing);
        return values;
    }

    private static long CountRest(Stream data, Source source)
    {
        byte[] scratch = new byte[ScratchSize];
        long count = 0;
        int got;
        while ((got = source.Read(data, scratch, 0, scratch.Length)) > 0)
            count += got;
        return count;
    }

    private static InvalidDataException LengthMismatch(Source source, int[] dimensions, int declared, long found)
    {
        string decompressed = source.Compressed ? " after decompression" : "";
        string detail = found > declared ? $" ({found - declared} trailing bytes)" : "";
        return source.Error($"the header declares {Product(dimensions)} bytes of data but the file holds {found}{decompressed}{detail}");
    }

    /// <summary>"60000 × 28 × 28 = 47040000", or just "4000" for one dimension; exact even beyond a long.</summary>
    private static string Product(int[] dimensions)
    {
        Int128 total = 1;
        foreach (int size in dimensions)
            total *= size;
        string product = total.ToString(CultureInfo.InvariantCulture);
        return dimensions.Length == 1 ? product : $"{string.Join(" × ", dimensions)} = {product}";
    }

    private static string TypeName(byte code) => code switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "32-bit float",
        0x0E => "64-bit float",
        _ => "not an IDX type",
    };

    /// <summary>Names the source in messages and turns the decompressor's own errors into ones that name it.</summary>
    private sealed class Source(string? name)
    {
        public bool Compressed { get; set; }

        public InvalidDataException Error(string message, Exception? inner = null) =>
            new(name is null ? $"IDX data: {message}" : $"{name}: {message}", inner);

        public int Read(Stream stream, byte[] buffer, int offset, int count)
        {
            try
            {
                return stream.Read(buffer, offset, count);
            }
            catch (InvalidDataException e)
            {
                throw Error($"the gzip-compressed data is corrupt: {e.Message}", e);
            }
        }

        /// <summary>Reads until <paramref name="count"/> bytes have arrived or the stream ends; returns how many arrived.</summary>
        public int Fill(Stream stream, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int got = Read(stream, buffer, offset + total, count - total);
                if (got == 0)
                    break;
                total += got;
            }
            return total;
        }
    }

    /// <summary>Replays the few bytes read to sniff the format, then continues with the underlying stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefixLength)
            {
                int n = Math.Min(buffer.Length, prefixLength - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return inner.Read(buffer);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
