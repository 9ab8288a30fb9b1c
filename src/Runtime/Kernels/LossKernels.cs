using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>
/// The losses, each the mean over the batch as in PyTorch, and their gradients with respect to the network's
/// outputs. Pass an empty <c>gradient</c> to compute the loss alone.
/// </summary>
public static class LossKernels
{
    /// <summary>
    /// Cross-entropy of the softmax of <paramref name="logits"/> (rows × <paramref name="classes"/>) against
    /// class indices (PyTorch <c>nn.CrossEntropyLoss</c>). The gradient is <c>(softmax - onehot) / rows</c>.
    /// </summary>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, Span<float> gradient)
    {
        int rows = labels.Length;
        double total = 0;
        bool withGradient = !gradient.IsEmpty;
        for (int r = 0; r < rows; r++)
        {
            int label = labels[r];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Label {label} of sample {r} is not a class index: the network has {classes} classes, so labels must be in [0, {classes - 1}].");
            }

            ReadOnlySpan<float> z = logits.Slice(r * classes, classes);
            float max = TensorPrimitives.Max(z);
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(z[c] - max);
            }

            double logSum = Math.Log(sum) + max;
            total += logSum - z[label];
            if (withGradient)
            {
                Span<float> g = gradient.Slice(r * classes, classes);
                float scale = 1f / rows;
                for (int c = 0; c < classes; c++)
                {
                    g[c] = (float)Math.Exp(z[c] - logSum) * scale;
                }

                g[label] -= scale;
            }
        }

        return (float)(total / rows);
    }

    /// <summary>
    /// Mean squared error over every element (PyTorch <c>nn.MSELoss</c>). The gradient is
    /// <c>2 (y - t) / n</c> with n the number of elements.
    /// </summary>
    public static float MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        CheckTargets(outputs, targets);
        double total = 0;
        float scale = 2f / outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
        {
            float difference = outputs[i] - targets[i];
            total += (double)difference * difference;
            if (!gradient.IsEmpty)
            {
                gradient[i] = difference * scale;
            }
        }

        return (float)(total / outputs.Length);
    }

    /// <summary>
    /// Binary cross-entropy of the sigmoid of <paramref name="logits"/> over every element (PyTorch
    /// <c>nn.BCEWithLogitsLoss</c>), in the stable form <c>max(z, 0) - z·t + log(1 + e^-|z|)</c>. The gradient is
    /// <c>(sigmoid(z) - t) / n</c>.
    /// </summary>
    public static float BinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        CheckTargets(logits, targets);
        double total = 0;
        float scale = 1f / logits.Length;
        for (int i = 0; i < logits.Length; i++)
        {
            double z = logits[i];
            double t = targets[i];
            total += Math.Max(z, 0) - z * t + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            if (!gradient.IsEmpty)
            {
                gradient[i] = (float)((1 / (1 + Math.Exp(-z)) - t) * scale);
            }
        }

        return (float)(total / logits.Length);
    }

    private static void CheckTargets(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        if (outputs.Length != targets.Length)
        {
            throw new ArgumentException($"The batch has {outputs.Length} outputs but {targets.Length} targets; pass one target per output.", nameof(targets));
        }
    }
}
