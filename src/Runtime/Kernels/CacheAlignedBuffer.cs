using System;
using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// Floats whose first element starts a 64-byte cache line: a generated network's parameters and its frozen copy's
/// packed weights. A batch-1 forward pass streams each weight row in runs of whole cache lines; when the rows start
/// part-way into a line, every run touches one line more. The 784 × 128 layer of W1 alone took 5.3-6.0 µs (best of 55
/// rounds, two runs) with its weights on a line boundary and 6.8-7.5 µs 16, 32 or 48 bytes past one; a .NET array's
/// elements start 16 bytes into the object, so where they fall was chance.
/// <para>
/// The array is allocated on the pinned object heap: the garbage collector never moves it, so the boundary found once
/// stays one. Allocated once per network, never per call.
/// </para>
/// </summary>
public sealed class CacheAlignedBuffer
{
    private const int LineBytes = 64;
    private const int LineFloats = LineBytes / sizeof(float);

    private readonly float[] _array;
    private readonly int _start;

    /// <summary>A zeroed buffer of <paramref name="length"/> floats.</summary>
    public CacheAlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _array = GC.AllocateArray<float>(length + LineFloats - 1, pinned: true);
        _start = FloatsToLineStart(_array);
        Length = length;
    }

    /// <summary>The number of floats.</summary>
    public int Length { get; }

    /// <summary>All the floats; the first starts a cache line.</summary>
    public Span<float> Span => new(_array, _start, Length);

    /// <summary><paramref name="length"/> floats from <paramref name="offset"/>, checked against <see cref="Length"/>.</summary>
    public Span<float> Slice(int offset, int length) => Span.Slice(offset, length);

    /// <summary>A new buffer holding the same values.</summary>
    public CacheAlignedBuffer Copy()
    {
        var copy = new CacheAlignedBuffer(Length);
        Span.CopyTo(copy.Span);
        return copy;
    }

    // The array is pinned, so its address is stable and reading it is safe.
    private static unsafe int FloatsToLineStart(float[] array)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref array[0]);
        return (int)((LineBytes - (address % LineBytes)) % LineBytes) / sizeof(float);
    }
}
