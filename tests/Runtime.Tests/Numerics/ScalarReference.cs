using System;
using System.Collections.Generic;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>
/// A deliberately plain, double-precision implementation of a stack of dense layers (triple loops, no SIMD),
/// reading the weights through <see cref="TensorInfo"/>: the independent scalar reference the generated kernels
/// are compared with.
/// </summary>
internal sealed class ScalarReference
{
    private readonly IReadOnlyList<TensorInfo> _tensors;
    private readonly float[] _parameters;
    private readonly Activation[] _activations;

    public ScalarReference(IReadOnlyList<TensorInfo> tensors, ReadOnlySpan<float> parameters, params Activation[] activations)
    {
        _tensors = tensors;
        _parameters = parameters.ToArray();
        _activations = activations;
    }

    /// <summary>Every layer's output, the input first.</summary>
    public List<double[]> Forward(ReadOnlySpan<float> inputs, int rows)
    {
        var outputs = new List<double[]> { Array.ConvertAll(inputs.ToArray(), v => (double)v) };
        for (int layer = 0; layer < _activations.Length; layer++)
        {
            (TensorInfo weight, TensorInfo bias) = DenseTensors(layer);
            int inSize = weight.Shape[1], outSize = weight.Shape[0];
            double[] x = outputs[layer];
            var y = new double[rows * outSize];
            for (int r = 0; r < rows; r++)
            {
                for (int o = 0; o < outSize; o++)
                {
                    double z = _parameters[bias.Offset + o];
                    for (int i = 0; i < inSize; i++)
                    {
                        z += x[(r * inSize) + i] * Weight(weight, o, i);
                    }

                    y[(r * outSize) + o] = Activate(_activations[layer], z);
                }

                if (_activations[layer] == Activation.Softmax)
                {
                    Softmax(y.AsSpan(r * outSize, outSize));
                }
            }

            outputs.Add(y);
        }

        return outputs;
    }

    /// <summary>Gradients of the mean squared error, laid out like the network's parameters.</summary>
    public double[] MeanSquaredErrorGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows)
    {
        List<double[]> outputs = Forward(inputs, rows);
        double[] last = outputs[^1];
        var delta = new double[last.Length];
        for (int i = 0; i < last.Length; i++)
        {
            delta[i] = 2 * (last[i] - targets[i]) / last.Length;
        }

        var gradients = new double[_parameters.Length];
        for (int layer = _activations.Length - 1; layer >= 0; layer--)
        {
            (TensorInfo weight, TensorInfo bias) = DenseTensors(layer);
            int inSize = weight.Shape[1], outSize = weight.Shape[0];
            double[] x = outputs[layer], y = outputs[layer + 1];
            for (int i = 0; i < delta.Length; i++)
            {
                delta[i] *= Derivative(_activations[layer], y[i]);
            }

            var inputDelta = new double[rows * inSize];
            for (int r = 0; r < rows; r++)
            {
                for (int o = 0; o < outSize; o++)
                {
                    double d = delta[(r * outSize) + o];
                    gradients[bias.Offset + o] += d;
                    for (int i = 0; i < inSize; i++)
                    {
                        gradients[WeightIndex(weight, o, i)] += x[(r * inSize) + i] * d;
                        inputDelta[(r * inSize) + i] += d * Weight(weight, o, i);
                    }
                }
            }

            delta = inputDelta;
        }

        return gradients;
    }

    private (TensorInfo Weight, TensorInfo Bias) DenseTensors(int layer)
    {
        TensorInfo? weight = null, bias = null;
        foreach (TensorInfo tensor in _tensors)
        {
            if (tensor.Layer == layer && tensor.Role == TensorRole.Weight)
            {
                weight = tensor;
            }
            else if (tensor.Layer == layer && tensor.Role == TensorRole.Bias)
            {
                bias = tensor;
            }
        }

        return (weight ?? throw new InvalidOperationException($"Layer {layer} has no weight."), bias ?? throw new InvalidOperationException($"Layer {layer} has no bias."));
    }

    /// <summary>Index of W[o, i] (PyTorch's [out, in] convention) in the parameter buffer.</summary>
    private static int WeightIndex(TensorInfo weight, int o, int i)
        => weight.Offset + (weight.IsTransposed ? (i * weight.Shape[0]) + o : (o * weight.Shape[1]) + i);

    private double Weight(TensorInfo weight, int o, int i) => _parameters[WeightIndex(weight, o, i)];

    private static double Activate(Activation activation, double z) => activation switch
    {
        Activation.ReLU => Math.Max(0, z),
        Activation.LeakyReLU => z > 0 ? z : 0.01 * z,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        _ => z,
    };

    private static double Derivative(Activation activation, double y) => activation switch
    {
        Activation.ReLU => y > 0 ? 1 : 0,
        Activation.LeakyReLU => y > 0 ? 1 : 0.01,
        Activation.Sigmoid => y * (1 - y),
        Activation.Tanh => 1 - (y * y),
        Activation.Linear => 1,
        _ => throw new NotSupportedException($"{activation} is not element-wise."),
    };

    private static void Softmax(Span<double> row)
    {
        double max = double.NegativeInfinity;
        foreach (double v in row)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = Math.Exp(row[i] - max);
            sum += row[i];
        }

        for (int i = 0; i < row.Length; i++)
        {
            row[i] /= sum;
        }
    }
}
