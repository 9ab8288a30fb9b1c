using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Neuroslyn.Kernels;

/// <summary>
/// Splits the work of one training step over worker threads: each generated matrix product (by column panels or row tiles), and the
/// parameters of the optimizer step. Every output value is computed by exactly the operations it would be on one
/// thread, so a step's result does not depend on the number of threads.
/// </summary>
/// <remarks>
/// The workers are background threads shared by the process and started on first use. A product takes from a few to
/// a few hundred microseconds, so waking a sleeping thread for each would cost a noticeable share: the workers spin
/// briefly (200 µs) between jobs before they sleep. One step uses them at a time: a second network training concurrently on another thread finds them busy
/// and runs its work on its own thread, with the same result. Nothing is allocated per call.
/// </remarks>
public static unsafe class KernelThreads
{
    /// <summary>The most threads a step may use.</summary>
    public const int MaxThreads = 64;

    private static readonly Lock s_startLock = new();
    private static Worker[] s_workers = [];
    private static int s_busy;

    /// <summary>
    /// Runs <paramref name="kernel"/> in up to <paramref name="threads"/> shares (the generated kernel decides what a
    /// share covers), the calling thread taking the first. The spans are pinned until every share is done.
    /// </summary>
    public static void MatMul(
        MatMulShare kernel, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> bias, Span<float> c,
        int count, int threads)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        fixed (float* pa = a, pb = b, pbias = bias, pc = c)
        {
            var job = new Job(kernel, pa, pb, pbias, pc, count);
            if (!TryShare(job, Math.Min(threads, MaxThreads)))
            {
                job.Share(0, 1).Run();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="step"/> over [0, <paramref name="length"/>) split into up to <paramref name="threads"/>
    /// ranges whose boundaries are multiples of 64 elements (so every SIMD width sees whole vectors).
    /// </summary>
    internal static void ForRanges(RangeStep step, int length, int threads) => ForRanges(step, length, threads, Job.RangeAlignment);

    /// <summary>
    /// Runs <paramref name="step"/> over [0, <paramref name="length"/>) split into up to <paramref name="threads"/>
    /// ranges whose boundaries are multiples of <paramref name="alignment"/> (1 for a step over whole samples).
    /// </summary>
    internal static void ForRanges(RangeStep step, int length, int threads, int alignment)
    {
        if (!TryShare(new Job(step, length, alignment), Math.Min(Math.Min(threads, MaxThreads), length / alignment)))
        {
            step.Run(0, length);
        }
    }

    /// <summary>
    /// Posts shares 1 to <paramref name="parts"/> - 1 of <paramref name="job"/> to the workers, runs share 0 here and
    /// waits for the others; false (nothing run) when there is one part or another step holds the workers.
    /// </summary>
    private static bool TryShare(Job job, int parts)
    {
        if (parts < 2 || !TryAcquire(parts - 1))
        {
            return false;
        }

        try
        {
            for (int part = 1; part < parts; part++)
            {
                s_workers[part - 1].Post(job.Share(part, parts));
            }

            job.Share(0, parts).Run();
            WaitAll(parts - 1);
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }

        return true;
    }

    /// <summary>Takes the workers for this call, starting them if needed; false when another step is using them.</summary>
    private static bool TryAcquire(int workers)
    {
        if (Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            return false;
        }

        if (s_workers.Length < workers)
        {
            lock (s_startLock)
            {
                Worker[] grown = new Worker[workers];
                Array.Copy(s_workers, grown, s_workers.Length);
                for (int i = s_workers.Length; i < workers; i++)
                {
                    grown[i] = new Worker(i + 1);
                }

                s_workers = grown;
            }
        }

        return true;
    }

    private static void WaitAll(int workers)
    {
        Exception? failure = null;
        for (int i = 0; i < workers; i++)
        {
            failure ??= s_workers[i].WaitDone();
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("A kernel failed on a worker thread.", failure);
        }
    }

    /// <summary>
    /// One piece of work: share <see cref="Start"/> of <see cref="End"/> shares of a matrix product (pointers pinned by
    /// the caller), or elements [<see cref="Start"/>, <see cref="End"/>) of a step.
    /// </summary>
    private struct Job
    {
        /// <summary>Range boundaries of a step fall on multiples of this many elements.</summary>
        public const int RangeAlignment = 64;

        public Job(MatMulShare kernel, float* a, float* b, float* bias, float* c, int count)
        {
            Kernel = kernel;
            A = a;
            B = b;
            Bias = bias;
            C = c;
            Count = count;
        }

        /// <summary>The whole of a step over [0, <paramref name="length"/>), before <see cref="Share"/> cuts it at multiples of <paramref name="alignment"/>.</summary>
        public Job(RangeStep step, int length, int alignment)
        {
            Step = step;
            End = length;
            Alignment = alignment;
        }

        /// <summary>A step's range boundaries fall on multiples of this many elements.</summary>
        public int Alignment { get; init; }

        public MatMulShare? Kernel { get; init; }

        public float* A { get; init; }

        public float* B { get; init; }

        public float* Bias { get; init; }

        public float* C { get; init; }

        public int Count { get; init; }

        public RangeStep? Step { get; init; }

        public int Start { get; init; }

        public int End { get; init; }

        /// <summary>
        /// Share <paramref name="part"/> of <paramref name="parts"/>: for a product, the kernel decides what that covers;
        /// for a step, a range of whole blocks of <see cref="Alignment"/> elements of the whole length (<see cref="End"/>),
        /// shared out evenly.
        /// </summary>
        public readonly Job Share(int part, int parts)
        {
            if (Kernel is not null)
            {
                return this with { Start = part, End = parts };
            }

            int length = End, alignment = Alignment, blocks = (length + alignment - 1) / alignment;
            int Boundary(int p) => Math.Min(length, (int)((long)blocks * p / parts) * alignment);
            return this with { Start = Boundary(part), End = Boundary(part + 1) };
        }

        public readonly void Run()
        {
            if (Kernel is not null)
            {
                Kernel(ref *A, ref *B, ref *Bias, ref *C, (nuint)Count, (nuint)Start, (nuint)End);
            }
            else
            {
                Step!.Run(Start, End);
            }
        }
    }

    /// <summary>
    /// A background thread that runs one posted job at a time. The poster takes a job back and runs it itself when
    /// the worker has not started it by the time the poster has finished its own share: on a machine busier than
    /// its cores, a step then never waits for a worker the scheduler has not run yet.
    /// </summary>
    private sealed class Worker
    {
        private const int Idle = 0, Posted = 1, Running = 2, Done = 3;

        /// <summary>How long an idle worker spins for the next job before it sleeps: a step's gaps between products are shorter.</summary>
        private static readonly long s_spinTicks = Stopwatch.Frequency / 5_000; // 200 µs

        private readonly SemaphoreSlim _wake = new(0);
        private Job _job;
        private int _state;
        private int _posted;
        private int _sleeping;
        private Exception? _failure;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Neuroslyn kernel worker {index}" };
            thread.Start();
        }

        public void Post(Job job)
        {
            _job = job;
            _failure = null;
            Volatile.Write(ref _state, Posted);
            // A full fence on each side (here and in Loop) means that either the worker sees the new job before it
            // sleeps, or this thread sees it sleeping and wakes it.
            Interlocked.Increment(ref _posted);
            if (Volatile.Read(ref _sleeping) != 0)
            {
                _wake.Release();
            }
        }

        /// <summary>Runs the job here if the worker has not taken it, else waits for the worker to finish it.</summary>
        public Exception? WaitDone()
        {
            if (Interlocked.CompareExchange(ref _state, Idle, Posted) == Posted)
            {
                _job.Run();
                return null;
            }

            var spinner = new SpinWait();
            while (Volatile.Read(ref _state) != Done)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            Volatile.Write(ref _state, Idle);
            return _failure;
        }

        private void Loop()
        {
            int seen = 0;
            while (true)
            {
                if (Volatile.Read(ref _posted) == seen && !SpinForJob(seen))
                {
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _posted) == seen)
                    {
                        _wake.Wait();
                    }

                    Volatile.Write(ref _sleeping, 0);
                    continue;
                }

                seen = Volatile.Read(ref _posted);
                if (Interlocked.CompareExchange(ref _state, Running, Posted) != Posted)
                {
                    continue; // the poster took it back
                }

                try
                {
                    _job.Run();
                }
                catch (Exception error)
                {
                    _failure = error;
                }

                Volatile.Write(ref _state, Done);
            }
        }

        private bool SpinForJob(int seen)
        {
            long until = Stopwatch.GetTimestamp() + s_spinTicks;
            while (Volatile.Read(ref _posted) == seen)
            {
                if (Stopwatch.GetTimestamp() > until)
                {
                    return false;
                }

                Thread.SpinWait(20);
            }

            return true;
        }
    }
}
