using System;

namespace Neuroslyn.Benchmarks.Peers;

/// <summary>
/// The "plain scalar C#" peer: the straightforward loops a developer writes first, one dot product per output in
/// PyTorch's <c>[out, in]</c> layout, no SIMD. Buffers are allocated once, so a call allocates nothing.
/// </summary>
public sealed class ScalarMlp
{
    private readonly DenseLayer[] _layers;
    private readonly float[][] _activations;

    /// <summary>Wraps <paramref name="layers"/> (not copied).</summary>
    public ScalarMlp(DenseLayer[] layers)
    {
        _layers = layers;
        _activations = Array.ConvertAll(layers, layer => new float[layer.Outputs]);
    }

    /// <summary>Number of inputs of the first layer.</summary>
    public int Inputs => _layers[0].Inputs;

    /// <summary>Number of outputs of the last layer.</summary>
    public int Outputs => _layers[^1].Outputs;

    /// <summary>One sample: <paramref name="input"/> in, <paramref name="output"/> out.</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        ReadOnlySpan<float> x = input;
        for (int l = 0; l < _layers.Length; l++)
        {
            DenseLayer layer = _layers[l];
            float[] y = _activations[l];
            for (int o = 0; o < layer.Outputs; o++)
            {
                float sum = layer.Bias[o];
                int row = o * layer.Inputs;
                for (int i = 0; i < layer.Inputs; i++)
                {
                    sum += layer.Weight[row + i] * x[i];
                }

                y[o] = layer.Activation switch
                {
                    PeerActivation.ReLU => MathF.Max(sum, 0f),
                    PeerActivation.Tanh => MathF.Tanh(sum),
                    _ => sum,
                };
            }

            x = y;
        }

        x.CopyTo(output);
    }

    /// <summary>A batch, one sample after another (what scalar code does without a matrix kernel).</summary>
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int rows = inputs.Length / Inputs;
        for (int r = 0; r < rows; r++)
        {
            Predict(inputs.Slice(r * Inputs, Inputs), outputs.Slice(r * Outputs, Outputs));
        }
    }
}
