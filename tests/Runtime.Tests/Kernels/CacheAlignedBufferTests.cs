using System;
using System.Collections.Generic;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Networks;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="CacheAlignedBuffer"/>: the first float of every buffer starts a 64-byte cache line, also after the garbage
/// collector compacts the heap; the padding that buys the alignment is out of reach; a generated network's parameters
/// live in one.
/// </summary>
public sealed class CacheAlignedBufferTests
{
    private const int LineBytes = 64;

    [Fact]
    public void Every_buffer_starts_a_cache_line_whatever_its_length()
    {
        // Buffers of many lengths, allocated back to back, land at many different offsets from a line.
        for (int length = 0; length < 300; length++)
        {
            Assert.Equal(0u, AddressOf(new CacheAlignedBuffer(length).Span) % LineBytes);
        }

        Assert.Equal(0u, AddressOf(new CacheAlignedBuffer(100_352).Span) % LineBytes);
    }

    [Fact]
    public void Buffers_stay_on_their_line_when_the_heap_is_compacted()
    {
        var buffers = new List<CacheAlignedBuffer>();
        var garbage = new List<float[]>();
        for (int i = 0; i < 200; i++)
        {
            garbage.Add(new float[1 + (i % 37)]);
            buffers.Add(new CacheAlignedBuffer(1 + (i % 23)));
        }

        nuint[] before = buffers.ConvertAll(buffer => AddressOf(buffer.Span)).ToArray();
        garbage.Clear();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        for (int i = 0; i < buffers.Count; i++)
        {
            Assert.Equal(before[i], AddressOf(buffers[i].Span));
            Assert.Equal(0u, AddressOf(buffers[i].Span) % LineBytes);
        }
    }

    [Fact]
    public void A_new_buffer_is_zeroed_and_exactly_as_long_as_asked()
    {
        var buffer = new CacheAlignedBuffer(21);
        Assert.Equal(21, buffer.Length);
        Assert.Equal(21, buffer.Span.Length);
        Assert.All(buffer.Span.ToArray(), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Slices_are_checked_against_the_length_not_the_padding_behind_it()
    {
        var buffer = new CacheAlignedBuffer(10);
        buffer.Slice(7, 3)[2] = 5f;
        Assert.Equal(5f, buffer.Span[9]);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(8, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CacheAlignedBuffer(-1));
    }

    [Fact]
    public void A_copy_holds_the_same_values_in_its_own_aligned_storage()
    {
        var buffer = new CacheAlignedBuffer(40);
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer.Span[i] = i * 0.5f;
        }

        CacheAlignedBuffer copy = buffer.Copy();
        buffer.Span[3] = -1f;

        Assert.Equal(40, copy.Length);
        Assert.Equal(1.5f, copy.Span[3]);
        Assert.Equal(39 * 0.5f, copy.Span[39]);
        Assert.Equal(0u, AddressOf(copy.Span) % LineBytes);
    }

    [Fact]
    public void A_generated_networks_parameters_start_a_cache_line()
    {
        for (int i = 0; i < 20; i++)
        {
            var network = new EveryActivationNet();
            Assert.Equal(0u, AddressOf(network.Parameters) % LineBytes);
        }
    }

    private static unsafe nuint AddressOf(Span<float> span) => (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
}
