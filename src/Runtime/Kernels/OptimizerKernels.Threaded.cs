using System;

namespace Neuroslyn.Kernels;

/// <summary>The optimizer steps split over <see cref="KernelThreads"/>: element-wise, so bit-identical on any number of threads.</summary>
public static partial class OptimizerKernels
{
    [ThreadStatic]
    private static AdamStep? t_adam;

    [ThreadStatic]
    private static SgdStep? t_sgd;

    /// <summary>What a cached step holds between calls instead of a network's parameters.</summary>
    private static readonly CacheAlignedBuffer s_none = new(0);

    /// <summary>
    /// <see cref="Adam(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, float, float, float, long)"/>
    /// over the whole buffers, split into ranges over up to <paramref name="threads"/> threads.
    /// </summary>
    public static void Adam(
        CacheAlignedBuffer parameters, float[] gradients, float[] firstMoment, float[] secondMoment,
        float learningRate, float beta1, float beta2, float epsilon, long step, int threads)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (threads <= 1)
        {
            Adam(parameters.Span, gradients, firstMoment, secondMoment, learningRate, beta1, beta2, epsilon, step);
            return;
        }

        if (gradients.Length != parameters.Length || firstMoment.Length != parameters.Length || secondMoment.Length != parameters.Length)
        {
            throw new ArgumentException("Parameters, gradients and both moment buffers must have the same length.");
        }

        AdamStep adam = t_adam ??= new AdamStep();
        (adam.Parameters, adam.Gradients, adam.FirstMoment, adam.SecondMoment) = (parameters, gradients, firstMoment, secondMoment);
        (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.Step) = (learningRate, beta1, beta2, epsilon, step);
        try
        {
            KernelThreads.ForRanges(adam, parameters.Length, threads);
        }
        finally
        {
            // Do not keep the network's buffers alive through the cached step.
            (adam.Parameters, adam.Gradients, adam.FirstMoment, adam.SecondMoment) = (s_none, [], [], []);
        }
    }

    /// <summary>
    /// <see cref="Sgd(Span{float}, ReadOnlySpan{float}, Span{float}, float, float)"/> over the whole buffers, split
    /// into ranges over up to <paramref name="threads"/> threads; <paramref name="velocity"/> is null without momentum.
    /// </summary>
    public static void Sgd(CacheAlignedBuffer parameters, float[] gradients, float[]? velocity, float learningRate, float momentum, int threads)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (threads <= 1)
        {
            Sgd(parameters.Span, gradients, velocity, learningRate, momentum);
            return;
        }

        if (gradients.Length != parameters.Length || (momentum != 0f && velocity?.Length != parameters.Length))
        {
            throw new ArgumentException("Parameters, gradients and, with momentum, the velocity must have the same length.");
        }

        SgdStep sgd = t_sgd ??= new SgdStep();
        (sgd.Parameters, sgd.Gradients, sgd.Velocity, sgd.LearningRate, sgd.Momentum) = (parameters, gradients, velocity, learningRate, momentum);
        try
        {
            KernelThreads.ForRanges(sgd, parameters.Length, threads);
        }
        finally
        {
            (sgd.Parameters, sgd.Gradients, sgd.Velocity) = (s_none, [], null);
        }
    }

    private sealed class AdamStep : RangeStep
    {
        public CacheAlignedBuffer Parameters = s_none;
        public float[] Gradients = [], FirstMoment = [], SecondMoment = [];
        public float LearningRate, Beta1, Beta2, Epsilon;
        public long Step;

        public override void Run(int start, int end)
        {
            int length = end - start;
            Adam(
                Parameters.Slice(start, length), Gradients.AsSpan(start, length), FirstMoment.AsSpan(start, length), SecondMoment.AsSpan(start, length),
                LearningRate, Beta1, Beta2, Epsilon, Step);
        }
    }

    private sealed class SgdStep : RangeStep
    {
        public CacheAlignedBuffer Parameters = s_none;
        public float[] Gradients = [];
        public float[]? Velocity;
        public float LearningRate, Momentum;

        public override void Run(int start, int end)
        {
            int length = end - start;
            Span<float> velocity = Velocity is null ? default : Velocity.AsSpan(start, length);
            Sgd(Parameters.Slice(start, length), Gradients.AsSpan(start, length), velocity, LearningRate, Momentum);
        }
    }
}
