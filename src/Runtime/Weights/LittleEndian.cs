using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace Neuroslyn.Weights;

/// <summary>Little-endian element data, the byte order of safetensors and ONNX, whatever the machine's.</summary>
internal static class LittleEndian
{
    /// <summary>Writes <paramref name="values"/> as little-endian floats.</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<int> chunk = stackalloc int[256];
        for (int start = 0; start < values.Length; start += chunk.Length)
        {
            ReadOnlySpan<int> bits = MemoryMarshal.Cast<float, int>(values.Slice(start, Math.Min(chunk.Length, values.Length - start)));
            BinaryPrimitives.ReverseEndianness(bits, chunk);
            stream.Write(MemoryMarshal.AsBytes(chunk.Slice(0, bits.Length)));
        }
    }

    public static void Write(Stream stream, long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    /// <summary>Turns floats just read as raw little-endian bytes into the machine's order.</summary>
    public static void FixFloats(Span<float> values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> bits = MemoryMarshal.Cast<float, int>(values);
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
    }
}
