using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>
/// The loader against thousands of broken files: random byte flips, truncations, insertions and deletions of valid
/// files, header lengths from 0 to 2^64 - 1, and crafted headers with huge shapes and offsets. Each load either
/// succeeds or throws <see cref="WeightFileException"/> and leaves the network as it was; none crashes, hangs, or
/// allocates more than a small multiple of the file's real size.
/// </summary>
public sealed class WeightFileFuzzTests
{
    /// <summary>A checkpoint with every kind of tensor: F32 and I64, transposed and not, optimizer state.</summary>
    private static readonly byte[] s_checkpoint = WeightFile.ToBytes(WeightFileTests.Trained(steps: 2), new WeightFileOptions { IncludeOptimizerState = true });

    private static readonly int s_headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(s_checkpoint);

    private static readonly Gen<byte[]> s_flips =
        Gen.Select(Gen.Int[0, s_checkpoint.Length - 1].Array[1, 8], Gen.Byte.Array[8], (positions, values) => Mutate(file => { for (int i = 0; i < positions.Length; i++) file[positions[i]] ^= (byte)(values[i] | 1); }));

    /// <summary>Flips in the header, where most mutations change the file's meaning rather than a weight's value.</summary>
    private static readonly Gen<byte[]> s_headerFlips =
        Gen.Select(Gen.Int[0, s_headerEnd - 1].Array[1, 4], Gen.Byte.Array[4], (positions, values) => Mutate(file => { for (int i = 0; i < positions.Length; i++) file[positions[i]] = values[i]; }));

    /// <summary>Digits of the header rewritten: sizes, shapes and offsets that are off by a little or a lot.</summary>
    private static readonly Gen<byte[]> s_digitEdits =
        Gen.Select(Gen.Int[8, s_headerEnd - 1].Array[1, 3], Gen.Int[0, 9].Array[3], (positions, digits) => Mutate(file =>
        {
            for (int i = 0; i < positions.Length; i++)
            {
                if (file[positions[i]] is >= (byte)'0' and <= (byte)'9')
                {
                    file[positions[i]] = (byte)('0' + digits[i]);
                }
            }
        }));

    private static readonly Gen<byte[]> s_truncations = Gen.Int[0, s_checkpoint.Length - 1].Select(length => s_checkpoint[..length]);

    private static readonly Gen<byte[]> s_splices = Gen.Select<int, int, byte[]>(Gen.Int[0, s_checkpoint.Length], Gen.Int[-16, 16], (position, count) =>
        count >= 0
            ? [.. s_checkpoint[..position], .. new byte[count], .. s_checkpoint[position..]]
            : [.. s_checkpoint[..position], .. s_checkpoint[Math.Min(s_checkpoint.Length, position - count)..]]);

    private static readonly Gen<ulong> s_hugeLengths = Gen.OneOf(
        Gen.ULong,
        Gen.OneOf<ulong>(0UL, 1UL, 2UL, 7UL, 100_000_000UL, 100_000_001UL, int.MaxValue, (ulong)int.MaxValue + 1, uint.MaxValue, 1UL << 40, long.MaxValue, ulong.MaxValue),
        Gen.Int[-64, 64].Select(delta => (ulong)(s_headerEnd - 8 + delta)));

    private static readonly Gen<byte[]> s_headerLengths = s_hugeLengths.Select(length => Mutate(file => BinaryPrimitives.WriteUInt64LittleEndian(file, length)));

    /// <summary>Numbers a hostile header may hold where a size or an offset belongs.</summary>
    private static readonly Gen<string> s_numbers = Gen.OneOf(
        Gen.Long.Select(value => value.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[0, 64].Select(value => value.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("0", "1", "8", "2147483647", "2147483648", "4294967296", "4611686018427387904", "9223372036854775807", "9223372036854775808",
            "18446744073709551615", "18446744073709551616", "-1", "1e308", "1.5", "-0", "null", "\"4\"", "[]", "{}"));

    private static readonly Gen<string> s_names = Gen.OneOf("0.weight", "0.bias", "1.num_batches_tracked", "1.running_var", "optimizer.step", "x", "", "__metadata__", "0.weight\u0000");

    private static readonly Gen<string> s_dtypes = Gen.OneOf("F32", "I64", "F64", "BF16", "BOOL", "U8", "Q", "", "f32");

    private static readonly Gen<string> s_entries = Gen.Select(s_names, s_dtypes, s_numbers.Array[0, 5], s_numbers.Array[0, 3], (name, dtype, shape, offsets) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{string.Join(",", offsets)}]}}");

    private static readonly Gen<byte[]> s_craftedHeaders = Gen.Select(s_entries.Array[0, 4], Gen.Int[0, 64], Gen.OneOf(Gen.Const((ulong?)null), s_hugeLengths.Select(length => (ulong?)length)), (entries, dataLength, declared) =>
        SafeTensorsBytes.Join("{" + string.Join(",", entries) + "}", new byte[dataLength], declared));

    /// <summary>The valid file with every tensor's shape or offsets replaced by hostile numbers, so that the rest of the header still parses.</summary>
    private static readonly Gen<byte[]> s_hostileNumbers = Gen.Select(Gen.Int[0, 30], s_numbers, (which, number) =>
    {
        string header = Encoding.UTF8.GetString(s_checkpoint, 8, s_headerEnd - 8);
        int[] starts = Enumerable.Range(0, header.Length).Where(i => char.IsAsciiDigit(header[i]) && (i == 0 || !char.IsAsciiDigit(header[i - 1]))).ToArray();
        int start = starts[which % starts.Length], end = start;
        while (end < header.Length && char.IsAsciiDigit(header[end]))
        {
            end++;
        }

        return SafeTensorsBytes.Join(header[..start] + number + header[end..], s_checkpoint[s_headerEnd..]);
    });

    [Fact]
    public void Mutated_and_truncated_files_give_only_the_documented_exception_and_leave_the_network_unchanged()
    {
        Gen<byte[]> files = Gen.Frequency(
            (3, s_flips), (3, s_headerFlips), (2, s_digitEdits), (2, s_truncations), (1, s_splices), (1, s_headerLengths), (2, s_hostileNumbers));
        Gen.Select(files, Gen.Bool).Sample((file, withOptimizer) => LoadOrRefuse(file, withOptimizer), iter: 3000, threads: 1, print: Describe);
    }

    [Fact]
    public void Crafted_headers_with_huge_lengths_shapes_and_offsets_give_only_the_documented_exception()
        => Gen.Select(s_craftedHeaders, Gen.Bool).Sample((file, withOptimizer) => LoadOrRefuse(file, withOptimizer), iter: 2000, threads: 1, print: Describe);

    [Fact]
    public void The_unmutated_checkpoint_loads()
    {
        var network = new InteropNet(3);

        WeightFile.Read(network, s_checkpoint, new WeightFileOptions { IncludeOptimizerState = true });

        Assert.Equal(2, network.StepCount);
    }

    private static void LoadOrRefuse(byte[] file, bool withOptimizer)
    {
        var network = new InteropNet(8);
        NetworkState before = NetworkState.Of(network);
        var options = new WeightFileOptions { IncludeOptimizerState = withOptimizer };
        var clock = Stopwatch.StartNew();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        bool refused = false;
        try
        {
            WeightFile.Read(network, file, options);
        }
        catch (WeightFileException exception)
        {
            refused = true;
            Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        clock.Stop();

        // The header copy, its parse, the staged state and the message: a small multiple of the real sizes, whatever the file declares.
        long budget = (64 * 1024) + (16L * file.Length);
        Assert.True(allocated <= budget, $"The load allocated {allocated} bytes for a file of {file.Length}.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"The load took {clock.Elapsed}.");
        if (refused)
        {
            before.AssertSame(NetworkState.Of(network));
        }
    }

    private static byte[] Mutate(Action<byte[]> mutate)
    {
        byte[] file = (byte[])s_checkpoint.Clone();
        mutate(file);
        return file;
    }

    private static string Describe((byte[] File, bool WithOptimizer) input)
    {
        int headerLength = input.File.Length >= 8 ? (int)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(input.File), (ulong)(input.File.Length - 8)) : 0;
        return $"{input.File.Length} bytes, optimizer {input.WithOptimizer}, header: {Encoding.UTF8.GetString(input.File, Math.Min(8, input.File.Length), Math.Min(headerLength, 2000))}";
    }
}
