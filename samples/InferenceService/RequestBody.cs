using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>A request's body, read whole into a pooled array (returned on dispose) up to a limit.</summary>
/// <remarks>
/// Pooled because uploads are up to 2 MiB: a fresh array per request lands on the large-object heap, which only a full
/// collection frees, and under a stream of uploads the process grew to several hundred MiB of such garbage.
/// </remarks>
internal readonly struct RequestBody(byte[] array, int length, bool pooled) : IDisposable
{
    /// <summary>
    /// A pool of its own, not <see cref="ArrayPool{T}.Shared"/>, whose per-thread slots would keep a 2 or 4 MiB array for
    /// every thread that ever read an upload. 32 per size: more uploads in flight than that allocate, and the GC frees.
    /// </summary>
    private static readonly ArrayPool<byte> s_pool = ArrayPool<byte>.Create(4 * 1024 * 1024, 32);

    public ArraySegment<byte> Bytes => new(array, 0, length);

    /// <summary>The whole body, or null as soon as it passes <paramref name="limit"/> bytes (a chunked body has no length to check first).</summary>
    public static async Task<RequestBody?> ReadAsync(Stream body, long? contentLength, int limit, CancellationToken cancellation)
    {
        if (contentLength is { } known && known <= limit)
        {
            // Kestrel holds the client to its Content-Length: a shorter body fails the read with its own 400.
            byte[] rented = s_pool.Rent((int)known);
            try
            {
                await body.ReadExactlyAsync(rented.AsMemory(0, (int)known), cancellation);
                return new RequestBody(rented, (int)known, pooled: true);
            }
            catch
            {
                s_pool.Return(rented);
                throw;
            }
        }

        var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellation)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return new RequestBody(buffer.GetBuffer(), (int)buffer.Length, pooled: false);
    }

    public void Dispose()
    {
        if (pooled)
        {
            s_pool.Return(array);
        }
    }
}
