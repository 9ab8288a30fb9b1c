using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>
/// Batch normalization over the columns of a row-major batch (rows × features), with PyTorch's conventions:
/// the batch is normalised with its biased variance, the running variance is updated with the unbiased one.
/// </summary>
public static class BatchNormKernels
{
    /// <summary>
    /// Training-mode forward pass. Writes the normalised input <paramref name="xHat"/>, the per-feature
    /// 1/sqrt(var + eps) <paramref name="invStd"/>, the output <c>y = gamma·xHat + beta</c>, and updates the
    /// running statistics. <paramref name="mean"/> is per-feature scratch.
    /// </summary>
    public static void TrainingForward(
        ReadOnlySpan<float> x, int rows, int features,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> runningMean, Span<float> runningVariance, float momentum, float epsilon,
        Span<float> mean, Span<float> invStd, Span<float> xHat, Span<float> y)
    {
        if (rows < 2)
        {
            throw new ArgumentException($"BatchNorm needs at least 2 samples per training batch to estimate a variance; this batch has {rows}. Use a larger batch.", nameof(rows));
        }

        Span<float> variance = invStd; // accumulated in place, then turned into 1/sqrt(var + eps)
        mean.Clear();
        variance.Clear();
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(mean, x.Slice(r * features, features), mean);
        }

        TensorPrimitives.Multiply(mean, 1f / rows, mean);
        for (int r = 0; r < rows; r++)
        {
            Span<float> centred = xHat.Slice(r * features, features);
            TensorPrimitives.Subtract(x.Slice(r * features, features), mean, centred);
            TensorPrimitives.FusedMultiplyAdd(centred, centred, variance, variance);
        }

        float unbiased = (float)rows / (rows - 1);
        for (int f = 0; f < features; f++)
        {
            float biasedVariance = variance[f] / rows;
            runningMean[f] = (1 - momentum) * runningMean[f] + momentum * mean[f];
            runningVariance[f] = (1 - momentum) * runningVariance[f] + momentum * biasedVariance * unbiased;
            invStd[f] = 1f / MathF.Sqrt(biasedVariance + epsilon);
        }

        for (int r = 0; r < rows; r++)
        {
            Span<float> xh = xHat.Slice(r * features, features);
            TensorPrimitives.Multiply(xh, invStd, xh);
            TensorPrimitives.FusedMultiplyAdd(xh, gamma, beta, y.Slice(r * features, features));
        }
    }

    /// <summary>
    /// Backward pass of <see cref="TrainingForward"/>: <c>dBeta = Σ dy</c>, <c>dGamma = Σ dy·xHat</c>,
    /// <c>dx = gamma·invStd/n · (n·dy - dBeta - xHat·dGamma)</c>. <paramref name="scratch"/> is per-feature.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> dy, ReadOnlySpan<float> xHat, ReadOnlySpan<float> invStd, ReadOnlySpan<float> gamma,
        int rows, int features, Span<float> dGamma, Span<float> dBeta, Span<float> scratch, Span<float> dx)
    {
        dGamma.Clear();
        dBeta.Clear();
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> dyr = dy.Slice(r * features, features);
            TensorPrimitives.Add(dBeta, dyr, dBeta);
            TensorPrimitives.FusedMultiplyAdd(dyr, xHat.Slice(r * features, features), dGamma, dGamma);
        }

        if (dx.IsEmpty)
        {
            return;
        }

        Span<float> k = scratch;
        TensorPrimitives.Multiply(gamma, invStd, k);
        TensorPrimitives.Multiply(k, 1f / rows, k);
        for (int r = 0; r < rows; r++)
        {
            Span<float> dxr = dx.Slice(r * features, features);
            TensorPrimitives.FusedMultiplyAdd(xHat.Slice(r * features, features), dGamma, dBeta, dxr);
            TensorPrimitives.Negate(dxr, dxr);
            TensorPrimitives.FusedMultiplyAdd(dy.Slice(r * features, features), (float)rows, dxr, dxr);
            TensorPrimitives.Multiply(dxr, k, dxr);
        }
    }

    /// <summary>
    /// Inference-mode forward pass with the running statistics:
    /// <c>y = (x - mean)·gamma/sqrt(var + eps) + beta</c>. <paramref name="scale"/> and <paramref name="shift"/>
    /// are per-feature scratch.
    /// </summary>
    public static void InferenceForward(
        ReadOnlySpan<float> x, int rows, int features,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, float epsilon,
        Span<float> scale, Span<float> shift, Span<float> y)
    {
        for (int f = 0; f < features; f++)
        {
            scale[f] = gamma[f] / MathF.Sqrt(runningVariance[f] + epsilon);
            shift[f] = beta[f] - runningMean[f] * scale[f];
        }

        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.FusedMultiplyAdd(x.Slice(r * features, features), scale, shift, y.Slice(r * features, features));
        }
    }
}
