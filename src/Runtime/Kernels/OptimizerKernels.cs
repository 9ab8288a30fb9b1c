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
    /// SGD: <c>p -= lr·g</c>; with momentum μ &gt; 0, <c>v = μ·v + g; p -= lr·v</c> (no dampening, no Nesterov), each a
    /// fused multiply-add, in one pass (the same bits as two passes of <c>TensorPrimitives.FusedMultiplyAdd</c>, with and
    /// without FMA hardware, in about a third of the time with it). A velocity that falls below float's smallest normal magnitude is stored as zero
    /// (<see cref="FlushSubnormal(float)"/>: it decays by μ a step as Adam's first moment does by β1).
    /// </summary>
    public static void Sgd(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, float learningRate, float momentum)
    {
        if (momentum == 0f)
        {
            TensorPrimitives.FusedMultiplyAdd(gradients, -learningRate, parameters, parameters);
            return;
        }

        if (gradients.Length != parameters.Length || velocity.Length != parameters.Length)
        {
            throw new ArgumentException("Parameters, gradients and the velocity must have the same length.");
        }

        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float v = ref MemoryMarshal.GetReference(velocity);
        nuint i = 0;
        nuint length = (nuint)parameters.Length;
        if (Vector.IsHardwareAccelerated)
        {
            var mu = new Vector<float>(momentum);
            var rate = new Vector<float>(-learningRate);
            var exponentBits = new Vector<int>(ExponentBits);
            for (; i + (nuint)Vector<float>.Count <= length; i += (nuint)Vector<float>.Count)
            {
                var vv = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref v, i), mu, Vector.LoadUnsafe(ref g, i));
                vv = FlushSubnormal(vv, exponentBits);
                vv.StoreUnsafe(ref v, i);
                Vector.FusedMultiplyAdd(vv, rate, Vector.LoadUnsafe(ref p, i)).StoreUnsafe(ref p, i);
            }
        }

        for (; i < length; i++)
        {
            ref float vi = ref Unsafe.Add(ref v, i);
            vi = FlushSubnormal(MathF.FusedMultiplyAdd(vi, momentum, Unsafe.Add(ref g, i)));
            Unsafe.Add(ref p, i) = MathF.FusedMultiplyAdd(vi, -learningRate, Unsafe.Add(ref p, i));
        }
    }

    /// <summary>
    /// One Adam step (PyTorch <c>torch.optim.Adam</c>, step counted from 1):
    /// <c>m += (1-β1)(g - m); v = β2·v + (1-β2)·g²;
    /// p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + eps)</c>.
    /// A first moment that falls below float's smallest normal magnitude is stored as zero (<see cref="FlushSubnormal(float)"/>).
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
        nuint i = 0;
        nuint length = (nuint)parameters.Length;
        if (Vector.IsHardwareAccelerated)
        {
            var b1 = new Vector<float>(oneMinusBeta1);
            var b2 = new Vector<float>(beta2);
            var nb2 = new Vector<float>(oneMinusBeta2);
            var size = new Vector<float>(stepSize);
            var correction = new Vector<float>(inverseCorrection2);
            var eps = new Vector<float>(epsilon);
            var exponentBits = new Vector<int>(ExponentBits);

            // One index into every buffer rather than a reference computed per buffer: each instruction this loop
            // gains or loses shows in its time (the flush below cost about 4 µs of 45 a W3 step, the index won back 2).
            for (; i + (nuint)Vector<float>.Count <= length; i += (nuint)Vector<float>.Count)
            {
                var gv = Vector.LoadUnsafe(ref g, i);
                var mv = Vector.LoadUnsafe(ref m, i);
                mv += b1 * (gv - mv);
                mv = FlushSubnormal(mv, exponentBits);
                var vv = (b2 * Vector.LoadUnsafe(ref v, i)) + (nb2 * gv * gv);
                var denominator = (Vector.SquareRoot(vv) * correction) + eps;
                mv.StoreUnsafe(ref m, i);
                vv.StoreUnsafe(ref v, i);
                (Vector.LoadUnsafe(ref p, i) - (size * mv / denominator)).StoreUnsafe(ref p, i);
            }
        }

        for (; i < length; i++)
        {
            float gi = Unsafe.Add(ref g, i);
            ref float mi = ref Unsafe.Add(ref m, i);
            ref float vi = ref Unsafe.Add(ref v, i);
            mi = FlushSubnormal(mi + (oneMinusBeta1 * (gi - mi)));
            vi = (beta2 * vi) + (oneMinusBeta2 * gi * gi);
            Unsafe.Add(ref p, i) -= stepSize * mi / ((MathF.Sqrt(vi) * inverseCorrection2) + epsilon);
        }
    }

    /// <summary>A float's exponent field: all zero for zeros and subnormal numbers.</summary>
    private const int ExponentBits = 0x7F800000;

    /// <summary>
    /// +0 for a zero or subnormal value (|x| &lt; 2^-126, about 1.2e-38), else <paramref name="x"/>; NaN and
    /// infinities pass through. Adam's first moment, whose gradient stays zero, decays by β1 (0.9) a step and is
    /// subnormal about 800 steps after it was last 1e-4, which happens to the weights of inputs that are rarely
    /// nonzero (4,542 to 7,919 of the 109,386 first moments after each of 8 Fashion-MNIST epochs of 784-128-64-10); SGD's
    /// velocity decays by the momentum the same way. The benchmarks' processor (Zen 3) computes with subnormal numbers
    /// slowly: with a fifth of the moments subnormal an Adam step took 1.4-1.5x as long. Such a value moves no
    /// weight of magnitude above about 1e-25 (Adam's lr·m/(sqrt(v)+eps) is at most 1e-3 · 1.2e-38 / 1e-8), and the
    /// 8 epochs above ended with the same parameters, bit for bit, with and without the flush. Adam's second moment
    /// decays by β2 (0.999), so it needs some 69,000 steps without a gradient to get there, and is left as it is:
    /// flushing it too cost a step as much as flushing the first.
    /// </summary>
    internal static float FlushSubnormal(float x) => (BitConverter.SingleToInt32Bits(x) & ExponentBits) == 0 ? 0f : x;

    /// <summary><see cref="FlushSubnormal(float)"/> for each lane; <paramref name="exponentBits"/> holds <see cref="ExponentBits"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> FlushSubnormal(Vector<float> x, Vector<int> exponentBits)
        => Vector.AndNot(x, Vector.Equals(Vector.AsVectorInt32(x) & exponentBits, Vector<int>.Zero).As<int, float>());
}
