using System;
using System.Threading;
using System.Threading.Tasks;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>
/// Bounds how many uploaded images decode at once, and so the processor time and memory that large uploads can take
/// from everything else: an upload waits a short time for a slot, and is refused (503, Retry-After) if none frees up.
/// </summary>
/// <remarks>
/// Decoding a 2 MiB image takes tens of milliseconds of one core and up to 16 MiB; JSON requests take microseconds and
/// decode nothing. Without a bound, every large upload in flight decodes at once on a thread-pool thread: the pool runs
/// out of threads, small requests queue behind them, and memory grows with the number of uploads. With the bound,
/// at most <see cref="Slots"/> threads decode; the others wait asynchronously (no thread held) for at most the wait, so
/// that a burst is smoothed, and an overload is answered at once rather than queued until clients time out.
/// </remarks>
internal sealed class DecodingGate(int slots, TimeSpan wait) : IDisposable
{
    private readonly SemaphoreSlim _free = new(slots, slots);

    /// <summary>How many images may decode at once.</summary>
    public int Slots => slots;

    /// <summary>Runs <paramref name="decode"/> in a slot; false, without running it, if no slot frees up in time.</summary>
    public async Task<(bool Ran, T Result)> TryRunAsync<T>(Func<T> decode, CancellationToken cancellation)
    {
        if (!await _free.WaitAsync(wait, cancellation))
        {
            return (false, default!);
        }

        try
        {
            return (true, decode());
        }
        finally
        {
            _free.Release();
        }
    }

    public void Dispose() => _free.Dispose();
}
