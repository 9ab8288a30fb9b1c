using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace Neuroslyn.Weights;

/// <summary>
/// Reads a safetensors file into a network in three stages: the header is read and every entry checked against the
/// file (header length, JSON, dtypes, offsets covering the data exactly, the file's size); the entries are matched
/// with the network's tensors (each present with its exact dtype and shape, nothing unexpected); only then is the data
/// read, into a <see cref="StagedState"/>, its values checked (<see cref="TensorValues"/>), and copied into the network
/// once every tensor has passed. What it allocates is bounded by the file's
/// real size and the network's, never by a length the file declares.
/// </summary>
internal static class SafeTensorsReader
{
    /// <summary>The largest header accepted, as in the reference implementation (100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    public static void Read<TNet>(TNet network, Stream stream, WeightFileOptions options)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        long start = stream.Position;
        long total = stream.Length - start;
        if (total < sizeof(ulong))
        {
            throw new WeightFileException(null, $"the file has {total} bytes, fewer than the 8 of a safetensors header length");
        }

        Span<byte> prefix = stackalloc byte[sizeof(ulong)];
        ReadExactly(stream, start, prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long available = total - sizeof(ulong);
        if (headerLength < 2 || headerLength > MaxHeaderLength || headerLength > (ulong)available)
        {
            string limit = headerLength < 2
                ? "too short for a JSON object"
                : headerLength > (ulong)available
                    ? $"but only {available} bytes follow"
                    : $"more than the {MaxHeaderLength} a safetensors header may have";
            throw new WeightFileException(null, $"the header length is {headerLength} bytes, {limit}");
        }

        var header = new byte[(int)headerLength];
        ReadExactly(stream, start + sizeof(ulong), header);
        long dataStart = start + sizeof(ulong) + (long)headerLength;
        Dictionary<string, SafeTensorsEntry> entries = SafeTensorsHeaderReader.Read(header, total - sizeof(ulong) - (long)headerLength);

        List<StateTensor> layout = StateLayout.Of(network, options.IncludeOptimizerState);
        Match(layout, entries, options);

        var staged = new StagedState(network, options.IncludeOptimizerState);
        foreach (StateTensor tensor in layout)
        {
            ReadTensor(stream, dataStart, entries[tensor.Name], tensor, staged, options);
        }

        staged.CommitTo(network);
    }

    /// <summary>Every expected tensor present with its exact dtype and shape; no tensor the network has no place for.</summary>
    private static void Match(List<StateTensor> layout, Dictionary<string, SafeTensorsEntry> entries, WeightFileOptions options)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (StateTensor tensor in layout)
        {
            expected.Add(tensor.Name);
            if (!entries.TryGetValue(tensor.Name, out SafeTensorsEntry? entry))
            {
                string hint = tensor.Name.StartsWith(StateLayout.OptimizerPrefix, StringComparison.Ordinal)
                    ? " (it was saved without IncludeOptimizerState, or by another optimizer)"
                    : string.Empty;
                throw new WeightFileException(tensor.Name, $"expected {tensor.Describe()}, the file has no such tensor{hint}");
            }

            if (!tensor.Matches(entry))
            {
                throw new WeightFileException(tensor.Name, $"expected {tensor.Describe()}, the file has {entry.Describe()}");
            }
        }

        foreach (SafeTensorsEntry entry in entries.Values)
        {
            bool skippedOptimizerState = !options.IncludeOptimizerState && entry.Name.StartsWith(StateLayout.OptimizerPrefix, StringComparison.Ordinal);
            if (!expected.Contains(entry.Name) && !skippedOptimizerState && !options.IgnoreUnexpectedTensors)
            {
                throw new WeightFileException(
                    SafeTensorsHeaderReader.Shown(entry.Name),
                    $"the file has {entry.Describe()}, but the network has no tensor of that name (set IgnoreUnexpectedTensors to skip such tensors)");
            }
        }
    }

    private static void ReadTensor(Stream stream, long dataStart, SafeTensorsEntry entry, StateTensor tensor, StagedState staged, WeightFileOptions options)
    {
        long position = dataStart + entry.Begin;
        if (tensor.IsInt64)
        {
            Span<byte> bytes = stackalloc byte[sizeof(long)];
            ReadExactly(stream, position, bytes);
            long value = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            if (value < 0)
            {
                throw new WeightFileException(tensor.Name, $"expected a count of 0 or more, the file has {value}");
            }

            staged.SetCount(tensor, value);
            return;
        }

        Span<float> target = staged.Floats(tensor);
        if (tensor.StorageOrder.Length == 0)
        {
            ReadExactly(stream, position, MemoryMarshal.AsBytes(target));
            LittleEndian.FixFloats(target);
            TensorValues.Check(target, tensor, options);
            return;
        }

        // Checked in PyTorch's layout, before the permutation, so that a bad value's index is the file's.
        var torch = new float[tensor.Length];
        ReadExactly(stream, position, MemoryMarshal.AsBytes(torch.AsSpan()));
        LittleEndian.FixFloats(torch);
        TensorValues.Check(torch, tensor, options);
        TensorLayout.FromTorch(torch, tensor.Shape, tensor.StorageOrder, target);
    }

    private static void ReadExactly(Stream stream, long position, Span<byte> destination)
    {
        stream.Position = position;
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException)
        {
            throw new WeightFileException(null, $"the file ended before byte {position + destination.Length}: it changed while it was read");
        }
    }
}
