using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Neuroslyn.Kernels;

/// <summary>Optimizer steps over flat parameter buffers, with the formulas of <c>torch.optim</c>.</summary>
public static partial class OptimizerKernels
{
    /// <summary>
    /// Scales <paramref name="gradients"/> so that their global L2 norm is at most <paramref name="maxNorm"/>
    /// (PyTorch <c>clip_grad_norm_</c>: coefficient maxNorm / (norm + 1e-6), applied when below 1).
    /// </summary>
    /// <returns>The norm before clipping.</returns>
    public static float ClipGlobalNorm(Span<float> gradients, float maxNorm)
    {
        float norm = TensorPrimitives.Norm(gradients);
        float coefficient = maxNorm / (norm + 1e-6f);
        if (coefficient < 1f)
        {
            TensorPrimitives.Multiply(gradients, coefficient, gradients);
        }

        return norm;
    }

    /// <summary>Adds the L2 penalty's gradient: <c>g += decay·p</c> (PyTorch's <c>weight_decay</c>).</summary>
    public static void AddWeightDecay(Span<float> gradients, ReadOnlySpan<float> parameters, float decay)
        => TensorPrimitives.FusedMultiplyAdd(parameters, decay, gradients, gradients);

    /// <summary>
    /// SGD: <c>p -= lr·g</c>; with momentum μ &gt; 0, <c>v = μ·v + g; p -= lr·v</c> (no dampening, no Nesterov).
    /// </summary>
    public static void Sgd(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, float learningRate, float momentum)
    {
        if (momentum == 0f)
        {
            TensorPrimitives.FusedMultiplyAdd(gradients, -learningRate, parameters, parameters);
            return;
        }

        TensorPrimitives.FusedMultiplyAdd(velocity, momentum, gradients, velocity);
        TensorPrimitives.FusedMultiplyAdd(velocity, -learningRate, parameters, parameters);
    }

    /// <summary>
    /// One Adam step (PyTorch <c>torch.optim.Adam</c>, step counted from 1):
    /// <c>m += (1-β1)(g - m); v = β2·v + (1-β2)·g²;
    /// p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + eps)</c>.
    /// </summary>
    public static void Adam(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment,
        float learningRate, float beta1, float beta2, float epsilon, long step)
    {
        if (parameters.Length != gradients.Length || firstMoment.Length != parameters.Length || secondMoment.Length != parameters.Length)
        {
            throw new ArgumentException("Parameters, gradients and both moment buffers must have the same length.");
        }

        float stepSize = (float)(learningRate / (1 - Math.Pow(beta1, step)));
        float inverseCorrection2 = (float)(1 / Math.Sqrt(1 - Math.Pow(beta2, step)));
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;

        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float m = ref MemoryMarshal.GetReference(firstMoment);
        ref float v = ref MemoryMarshal.GetReference(secondMoment);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var b1 = new Vector<float>(oneMinusBeta1);
            var b2 = new Vector<float>(beta2);
            var nb2 = new Vector<float>(oneMinusBeta2);
            var size = new Vector<float>(stepSize);
            var correction = new Vector<float>(inverseCorrection2);
            var eps = new Vector<float>(epsilon);
            for (; i <= parameters.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gv = Vector.LoadUnsafe(ref Unsafe.Add(ref g, i));
                ref float mAt = ref Unsafe.Add(ref m, i);
                ref float vAt = ref Unsafe.Add(ref v, i);
                ref float pAt = ref Unsafe.Add(ref p, i);
                var mv = Vector.LoadUnsafe(ref mAt);
                mv += b1 * (gv - mv);
                var vv = b2 * Vector.LoadUnsafe(ref vAt) + nb2 * gv * gv;
                var denominator = Vector.SquareRoot(vv) * correction + eps;
                mv.StoreUnsafe(ref mAt);
                vv.StoreUnsafe(ref vAt);
                (Vector.LoadUnsafe(ref pAt) - size * mv / denominator).StoreUnsafe(ref pAt);
            }
        }

        for (; i < parameters.Length; i++)
        {
            float gi = gradients[i];
            float mi = firstMoment[i] += oneMinusBeta1 * (gi - firstMoment[i]);
            float vi = secondMoment[i] = beta2 * secondMoment[i] + oneMinusBeta2 * gi * gi;
            parameters[i] -= stepSize * mi / (MathF.Sqrt(vi) * inverseCorrection2 + epsilon);
        }
    }
}
