using System;
using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// Gradient clipping and weight decay, checked against PyTorch's formulas written out in double precision:
/// <c>clip_grad_norm_</c> scales by max_norm / (norm + 1e-6) when that is below 1, and <c>weight_decay</c> adds
/// decay·p to the gradient before the update.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class OptimizerStepTests
{
    [Fact]
    public void Clipping_scales_a_long_gradient_to_the_maximum_norm()
    {
        float[] gradient = TestData.Normal(1000, 1); // norm about 31.6
        double norm = Norm(gradient);
        float[] expected = Array.ConvertAll(gradient, g => (float)(g * (2.0 / (norm + 1e-6))));

        float reported = OptimizerKernels.ClipGlobalNorm(gradient, 2f);

        Assert.Equal(norm, reported, 3);
        Assert.Equal(2.0, Norm(gradient), 4);
        ScalarReferenceTests.AssertClose(Array.ConvertAll(expected, v => (double)v), gradient, 1e-7, 1e-5, "clipped gradient");
    }

    [Fact]
    public void Clipping_leaves_a_short_gradient_alone()
    {
        float[] gradient = TestData.Normal(10, 2);
        float[] before = (float[])gradient.Clone();
        OptimizerKernels.ClipGlobalNorm(gradient, 100f);
        Assert.Equal(before, gradient);
    }

    [Fact]
    public void A_generated_network_clips_then_decays_then_steps()
    {
        var network = new ClippedDecayedNet();
        float[] inputs = TestData.Normal(4 * 3, 3, scale: 5f), targets = TestData.Normal(4 * 2, 4, scale: 5f);
        float[] start = network.Parameters.ToArray();
        network.ComputeGradients(inputs, targets);
        float[] gradient = network.Gradients.ToArray();
        double norm = Norm(gradient);
        Assert.True(norm > 0.5, $"The gradient's norm {norm} would not be clipped: the test would prove nothing.");

        network.ApplyGradients();

        var expected = new double[start.Length];
        for (int i = 0; i < start.Length; i++)
        {
            double clipped = gradient[i] * (0.5 / (norm + 1e-6));
            double decayed = clipped + (0.01 * start[i]);
            expected[i] = start[i] - (0.1 * decayed);
        }

        ScalarReferenceTests.AssertClose(expected, network.Parameters, 1e-6, 1e-5, "parameter after the step");
    }

    private static double Norm(float[] values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }
}
