using System;

namespace Neuroslyn.Kernels;

/// <summary>
/// Max pooling split over <see cref="KernelThreads"/> by samples: each sample's windows are its own, so a share of the
/// samples computes exactly what one thread computes for them, and any number of threads gives the same bits.
/// </summary>
public static unsafe partial class PoolKernels
{
    [ThreadStatic]
    private static MaxPoolStep? t_step;

    /// <summary><see cref="MaxForward(ReadOnlySpan{float}, Span{float}, int, PoolGeometry)"/> over up to <paramref name="threads"/> threads.</summary>
    public static void MaxForward(ReadOnlySpan<float> x, Span<float> y, int count, PoolGeometry geometry, int threads)
    {
        if (threads <= 1 || count < 2)
        {
            MaxForward(x, y, count, geometry);
            return;
        }

        Check(x.Length, y.Length, count, geometry);
        fixed (float* px = x, py = y)
        {
            Run(new MaxPoolStep.Pointers(px, py, null, null), count, geometry, threads, backward: false);
        }
    }

    /// <summary>
    /// <see cref="MaxBackward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, PoolGeometry)"/>
    /// over up to <paramref name="threads"/> threads.
    /// </summary>
    public static void MaxBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int count, PoolGeometry geometry, int threads)
    {
        if (threads <= 1 || count < 2)
        {
            MaxBackward(x, y, dy, dx, count, geometry);
            return;
        }

        Check(x.Length, y.Length, count, geometry);
        Check(dx.Length, dy.Length, count, geometry);
        fixed (float* px = x, py = y, pdy = dy, pdx = dx)
        {
            Run(new MaxPoolStep.Pointers(px, py, pdy, pdx), count, geometry, threads, backward: true);
        }
    }

    private static void Run(MaxPoolStep.Pointers pointers, int count, PoolGeometry geometry, int threads, bool backward)
    {
        MaxPoolStep step = t_step ??= new MaxPoolStep();
        (step.Data, step.Geometry, step.Backward) = (pointers, geometry, backward);
        try
        {
            KernelThreads.ForRanges(step, count, threads, alignment: 1);
        }
        finally
        {
            step.Data = default; // no pointer outlives the pinning
        }
    }

    /// <summary>A range of samples of one max-pooling call; the spans are pinned by the caller for as long as it runs.</summary>
    private sealed class MaxPoolStep : RangeStep
    {
        public Pointers Data;
        public PoolGeometry Geometry;
        public bool Backward;

        public override void Run(int start, int end)
        {
            int inputs = Geometry.InputSize, outputs = Geometry.OutputSize, samples = end - start;
            var x = new ReadOnlySpan<float>(Data.X + ((long)start * inputs), samples * inputs);
            var y = new Span<float>(Data.Y + ((long)start * outputs), samples * outputs);
            if (Backward)
            {
                var dy = new ReadOnlySpan<float>(Data.Dy + ((long)start * outputs), samples * outputs);
                var dx = new Span<float>(Data.Dx + ((long)start * inputs), samples * inputs);
                MaxBackward(x, y, dy, dx, samples, Geometry);
            }
            else
            {
                MaxForward(x, y, samples, Geometry);
            }
        }

        /// <summary>The call's pinned spans: input, output, and for the backward pass the two gradients.</summary>
        public readonly struct Pointers(float* x, float* y, float* dy, float* dx)
        {
            public float* X { get; } = x;

            public float* Y { get; } = y;

            public float* Dy { get; } = dy;

            public float* Dx { get; } = dx;
        }
    }
}
