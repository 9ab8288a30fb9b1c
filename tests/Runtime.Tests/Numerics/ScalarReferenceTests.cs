using System;
using System.Collections.Generic;
using Neuroslyn.Runtime.Tests.Networks;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>The generated SIMD code agrees with a plain double-precision reference.</summary>
[Trait("Category", "Numeric")]
public sealed class ScalarReferenceTests
{
    [Fact]
    public void Exact_derivatives_through_relu_and_leaky_relu_match_the_reference()
    {
        const int rows = 6;
        var network = new PiecewiseLinearNet();
        float[] inputs = TestData.Normal(rows * 5, 1), targets = TestData.Normal(rows * 4, 2);
        network.ComputeGradients(inputs, targets);

        double[] expected = new ScalarReference(PiecewiseLinearNet.Tensors, network.Parameters, Activation.Sigmoid, Activation.Linear, Activation.ReLU, Activation.LeakyReLU, Activation.Linear)
            .MeanSquaredErrorGradients(inputs, targets, rows);

        AssertClose(expected, network.Gradients, 1e-6, 1e-4, "gradient");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(70)]
    public void Batched_inference_matches_the_reference_for_every_tile_and_block_remainder(int rows)
    {
        var network = new WideInferenceNet();
        float[] inputs = TestData.Normal(rows * WideInferenceNet.InputSize, rows);
        var outputs = new float[rows * WideInferenceNet.OutputSize];
        network.PredictBatch(inputs, outputs);

        List<double[]> reference = new ScalarReference(WideInferenceNet.Tensors, network.Parameters, Activation.ReLU, Activation.Tanh, Activation.Softmax)
            .Forward(inputs, rows);

        AssertClose(reference[^1], outputs, 1e-6, 1e-4, "output");
    }

    [Fact]
    public void Single_sample_prediction_equals_the_batched_prediction_bit_for_bit()
    {
        var network = new WideInferenceNet();
        float[] inputs = TestData.Normal(5 * WideInferenceNet.InputSize, 3);
        var batched = new float[5 * WideInferenceNet.OutputSize];
        network.PredictBatch(inputs, batched);
        var single = new float[WideInferenceNet.OutputSize];
        for (int r = 0; r < 5; r++)
        {
            network.Predict(inputs.AsSpan(r * WideInferenceNet.InputSize, WideInferenceNet.InputSize), single);
            for (int o = 0; o < single.Length; o++)
            {
                // Every kernel accumulates each output in the same order whatever tile it falls in.
                Assert.Equal(batched[(r * single.Length) + o], single[o]);
            }
        }
    }

    internal static void AssertClose(IReadOnlyList<double> expected, ReadOnlySpan<float> actual, double absolute, double relative, string what)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            double tolerance = absolute + (relative * Math.Abs(expected[i]));
            if (Math.Abs(expected[i] - actual[i]) > tolerance)
            {
                Assert.Fail($"{what} {i}: expected {expected[i]:G9}, got {actual[i]:G9} (tolerance {tolerance:G3}).");
            }
        }
    }
}
