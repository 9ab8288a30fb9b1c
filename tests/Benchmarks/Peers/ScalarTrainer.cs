using System;

namespace Neuroslyn.Benchmarks.Peers;

/// <summary>
/// The "plain scalar C#" training peer for W3: forward, softmax cross-entropy, backward and Adam (PyTorch's formulas)
/// for a ReLU multilayer perceptron with a linear output, written as straightforward loops in PyTorch's
/// <c>[out, in]</c> layout. Buffers are sized for one batch size at construction, so a step allocates nothing.
/// </summary>
public sealed class ScalarTrainer
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    private readonly DenseLayer[] _layers;
    private readonly float[][] _weightGradients;
    private readonly float[][] _biasGradients;
    private readonly float[][] _moments;
    private readonly float[][] _activations;
    private readonly float[][] _deltas;
    private readonly int _batch;
    private readonly float _learningRate;
    private int _step;

    /// <summary>Trains a copy of <paramref name="layers"/> with batches of <paramref name="batch"/> samples.</summary>
    public ScalarTrainer(DenseLayer[] layers, int batch, float learningRate)
    {
        _layers = Array.ConvertAll(layers, layer => layer with { Weight = (float[])layer.Weight.Clone(), Bias = (float[])layer.Bias.Clone() });
        _batch = batch;
        _learningRate = learningRate;
        _weightGradients = Array.ConvertAll(layers, layer => new float[layer.Weight.Length]);
        _biasGradients = Array.ConvertAll(layers, layer => new float[layer.Bias.Length]);
        // First and second moments of every weight and bias tensor, in that order: 4 arrays per layer.
        _moments = new float[layers.Length * 4][];
        for (int l = 0; l < layers.Length; l++)
        {
            _moments[4 * l] = new float[layers[l].Weight.Length];
            _moments[4 * l + 1] = new float[layers[l].Weight.Length];
            _moments[4 * l + 2] = new float[layers[l].Bias.Length];
            _moments[4 * l + 3] = new float[layers[l].Bias.Length];
        }

        _activations = Array.ConvertAll(layers, layer => new float[batch * layer.Outputs]);
        _deltas = Array.ConvertAll(layers, layer => new float[batch * layer.Outputs]);
    }

    /// <summary>One step on <paramref name="inputs"/> (batch x in) with class labels <paramref name="targets"/>; returns the mean loss.</summary>
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        int rows = _batch;
        Forward(inputs, rows);
        float loss = LossGradient(targets, rows);
        Backward(inputs, rows);
        Adam();
        return loss;
    }

    private void Forward(ReadOnlySpan<float> inputs, int rows)
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            DenseLayer layer = _layers[l];
            ReadOnlySpan<float> x = l == 0 ? inputs : _activations[l - 1];
            float[] y = _activations[l];
            for (int r = 0; r < rows; r++)
            {
                for (int o = 0; o < layer.Outputs; o++)
                {
                    float sum = layer.Bias[o];
                    for (int i = 0; i < layer.Inputs; i++)
                    {
                        sum += layer.Weight[o * layer.Inputs + i] * x[r * layer.Inputs + i];
                    }

                    y[r * layer.Outputs + o] = layer.Activation == PeerActivation.ReLU ? MathF.Max(sum, 0f) : sum;
                }
            }
        }
    }

    // Softmax cross-entropy on the logits, mean over the batch; leaves d(loss)/d(logits) in the last delta buffer.
    private float LossGradient(ReadOnlySpan<int> targets, int rows)
    {
        int classes = _layers[^1].Outputs;
        float[] logits = _activations[^1];
        float[] delta = _deltas[^1];
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            float max = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                max = MathF.Max(max, logits[r * classes + c]);
            }

            float sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += MathF.Exp(logits[r * classes + c] - max);
            }

            loss += MathF.Log(sum) + max - logits[r * classes + targets[r]];
            for (int c = 0; c < classes; c++)
            {
                float p = MathF.Exp(logits[r * classes + c] - max) / sum;
                delta[r * classes + c] = (p - (c == targets[r] ? 1f : 0f)) / rows;
            }
        }

        return (float)(loss / rows);
    }

    private void Backward(ReadOnlySpan<float> inputs, int rows)
    {
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            DenseLayer layer = _layers[l];
            ReadOnlySpan<float> x = l == 0 ? inputs : _activations[l - 1];
            float[] delta = _deltas[l];
            float[] gw = _weightGradients[l];
            float[] gb = _biasGradients[l];
            Array.Clear(gw);
            Array.Clear(gb);
            for (int r = 0; r < rows; r++)
            {
                for (int o = 0; o < layer.Outputs; o++)
                {
                    float d = delta[r * layer.Outputs + o];
                    gb[o] += d;
                    for (int i = 0; i < layer.Inputs; i++)
                    {
                        gw[o * layer.Inputs + i] += d * x[r * layer.Inputs + i];
                    }
                }
            }

            if (l == 0)
            {
                break;
            }

            // The gradient of the previous layer's output, through its ReLU.
            float[] previous = _deltas[l - 1];
            float[] previousOutput = _activations[l - 1];
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < layer.Inputs; i++)
                {
                    float sum = 0;
                    for (int o = 0; o < layer.Outputs; o++)
                    {
                        sum += layer.Weight[o * layer.Inputs + i] * delta[r * layer.Outputs + o];
                    }

                    previous[r * layer.Inputs + i] = previousOutput[r * layer.Inputs + i] > 0f ? sum : 0f;
                }
            }
        }
    }

    private void Adam()
    {
        _step++;
        float correction1 = 1f - MathF.Pow(Beta1, _step);
        float correction2 = 1f - MathF.Pow(Beta2, _step);
        for (int l = 0; l < _layers.Length; l++)
        {
            AdamUpdate(_layers[l].Weight, _weightGradients[l], _moments[4 * l], _moments[4 * l + 1], correction1, correction2);
            AdamUpdate(_layers[l].Bias, _biasGradients[l], _moments[4 * l + 2], _moments[4 * l + 3], correction1, correction2);
        }
    }

    private void AdamUpdate(float[] parameters, float[] gradients, float[] m, float[] v, float correction1, float correction2)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradients[i];
            m[i] = Beta1 * m[i] + (1f - Beta1) * g;
            v[i] = Beta2 * v[i] + (1f - Beta2) * g * g;
            parameters[i] -= _learningRate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + Epsilon);
        }
    }
}
