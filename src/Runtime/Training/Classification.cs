using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Training;

/// <summary>Helpers for networks that classify: the predicted class and accuracy over a labelled set.</summary>
public static class Classification
{
    /// <summary>Rows per inference call when evaluating; large enough to use the batched kernels.</summary>
    private const int EvaluationRows = 256;

    /// <summary>The index of the largest output: the predicted class.</summary>
    public static int PredictedClass(ReadOnlySpan<float> outputs) => TensorPrimitives.IndexOfMax(outputs);

    /// <summary>
    /// The share of samples whose predicted class equals the label. <paramref name="inputs"/> holds
    /// <c>labels.Length</c> samples of <c>TNet.InputSize</c> features, one after another.
    /// </summary>
    public static float Accuracy<TNet>(TNet network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
        where TNet : ICompiledNetwork<TNet>
    {
        if (labels.IsEmpty || inputs.Length != labels.Length * TNet.InputSize)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * TNet.InputSize} input values ({TNet.InputSize} per sample), but {inputs.Length} were given.", nameof(inputs));
        }

        Span<float> outputs = new float[EvaluationRows * TNet.OutputSize];
        int correct = 0;
        for (int start = 0; start < labels.Length; start += EvaluationRows)
        {
            int rows = Math.Min(EvaluationRows, labels.Length - start);
            network.PredictBatch(inputs.Slice(start * TNet.InputSize, rows * TNet.InputSize), outputs.Slice(0, rows * TNet.OutputSize));
            for (int r = 0; r < rows; r++)
            {
                if (PredictedClass(outputs.Slice(r * TNet.OutputSize, TNet.OutputSize)) == labels[start + r])
                {
                    correct++;
                }
            }
        }

        return (float)correct / labels.Length;
    }
}
