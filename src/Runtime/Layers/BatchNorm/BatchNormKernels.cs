using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>
/// Batch normalization over the columns of a row-major batch (rows × features), with PyTorch's conventions:
/// the batch is normalised with its biased variance, the running variance is updated with the unbiased one.
/// </summary>
/// <remarks>
/// Over an image the rows are its pixels and the features its channels (channels-last), so rows are many and short
/// (16 channels × 50,176 pixels for a batch of 64 images of 28 × 28). Every pass therefore works on a block of
/// several rows at once (RowBlock), with each per-feature vector repeated once per row of the block, so
/// that each vector call covers hundreds of floats instead of a handful. A wide layer's block is one row.
/// </remarks>
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

        var block = new RowBlock(features, stackalloc float[RowBlock.ScratchFloats(features, 3)]);
        int total = rows * features;
        block.ColumnSums(x, default, rows, mean);
        TensorPrimitives.Multiply(mean, 1f / rows, mean);

        // xHat holds x - mean for now; the variance sums its squares.
        Span<float> variance = invStd; // accumulated in place, then turned into 1/sqrt(var + eps)
        ReadOnlySpan<float> meanRows = block.Repeat(mean, 0);
        for (int start = 0; start < total; start += block.Length)
        {
            int length = Math.Min(block.Length, total - start);
            TensorPrimitives.Subtract(x.Slice(start, length), meanRows.Slice(0, length), xHat.Slice(start, length));
        }

        block.ColumnSums(xHat, xHat, rows, variance);

        float unbiased = (float)rows / (rows - 1);
        for (int f = 0; f < features; f++)
        {
            float biasedVariance = variance[f] / rows;
            runningMean[f] = (1 - momentum) * runningMean[f] + momentum * mean[f];
            runningVariance[f] = (1 - momentum) * runningVariance[f] + momentum * biasedVariance * unbiased;
            invStd[f] = 1f / MathF.Sqrt(biasedVariance + epsilon);
        }

        ReadOnlySpan<float> invStdRows = block.Repeat(invStd, 0), gammaRows = block.Repeat(gamma, 1), betaRows = block.Repeat(beta, 2);
        for (int start = 0; start < total; start += block.Length)
        {
            int length = Math.Min(block.Length, total - start);
            Span<float> xh = xHat.Slice(start, length);
            TensorPrimitives.Multiply(xh, invStdRows.Slice(0, length), xh);
            TensorPrimitives.FusedMultiplyAdd(xh, gammaRows.Slice(0, length), betaRows.Slice(0, length), y.Slice(start, length));
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
        var block = new RowBlock(features, stackalloc float[RowBlock.ScratchFloats(features, 3)]);
        int total = rows * features;
        block.ColumnSums(dy, default, rows, dBeta);
        block.ColumnSums(dy, xHat, rows, dGamma);
        if (dx.IsEmpty)
        {
            return;
        }

        Span<float> k = scratch;
        TensorPrimitives.Multiply(gamma, invStd, k);
        TensorPrimitives.Multiply(k, 1f / rows, k);
        ReadOnlySpan<float> dGammaRows = block.Repeat(dGamma, 0), dBetaRows = block.Repeat(dBeta, 1), kRows = block.Repeat(k, 2);
        for (int start = 0; start < total; start += block.Length)
        {
            int length = Math.Min(block.Length, total - start);
            Span<float> dxr = dx.Slice(start, length);
            TensorPrimitives.FusedMultiplyAdd(xHat.Slice(start, length), dGammaRows.Slice(0, length), dBetaRows.Slice(0, length), dxr);
            TensorPrimitives.Negate(dxr, dxr);
            TensorPrimitives.FusedMultiplyAdd(dy.Slice(start, length), (float)rows, dxr, dxr);
            TensorPrimitives.Multiply(dxr, kRows.Slice(0, length), dxr);
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

        var block = new RowBlock(features, stackalloc float[RowBlock.ScratchFloats(features, 2)]);
        int total = rows * features;
        ReadOnlySpan<float> scaleRows = block.Repeat(scale, 0), shiftRows = block.Repeat(shift, 1);
        for (int start = 0; start < total; start += block.Length)
        {
            int length = Math.Min(block.Length, total - start);
            TensorPrimitives.FusedMultiplyAdd(x.Slice(start, length), scaleRows.Slice(0, length), shiftRows.Slice(0, length), y.Slice(start, length));
        }
    }
}
