using System;
using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// Adam's first moment and SGD's velocity are stored as +0 once they fall below float's smallest normal magnitude
/// (2^-126), instead of lingering as subnormal numbers that x86 processors compute slowly. Each case's premise is
/// checked first: the plain float formula would have left a subnormal number. 19 elements reach both the vector
/// loop and the scalar tail at every vector width (4, 8 or 16 floats).
/// </summary>
[Trait("Category", "Numeric")]
public sealed class SubnormalMomentTests
{
    private const int Length = 19;
    private const float JustAboveSmallestNormal = 1.2e-38f;

    [Fact]
    public void Adam_stores_a_first_moment_that_decays_below_the_smallest_normal_as_zero()
    {
        float[] moment = Filled(JustAboveSmallestNormal), negative = Filled(-JustAboveSmallestNormal);
        float decayed = JustAboveSmallestNormal + ((1 - 0.9f) * (0f - JustAboveSmallestNormal));
        Assert.True(float.IsSubnormal(decayed), $"The premise fails: {decayed:G9} is not subnormal.");

        AdamWithZeroGradient(moment);
        AdamWithZeroGradient(negative);

        Assert.All(moment, m => Assert.Equal(0, BitConverter.SingleToInt32Bits(m)));
        Assert.All(negative, m => Assert.Equal(0, BitConverter.SingleToInt32Bits(m)));
    }

    [Fact]
    public void Adam_keeps_a_first_moment_that_stays_normal()
    {
        const float start = 1.4e-38f;
        float decayed = start + ((1 - 0.9f) * (0f - start));
        Assert.False(float.IsSubnormal(decayed));
        float[] moment = Filled(start);

        AdamWithZeroGradient(moment);

        Assert.All(moment, m => Assert.Equal(decayed, m));
    }

    [Fact]
    public void Adam_lets_NaN_through()
    {
        // A diverged step must still show: NaN's exponent field is all ones, not zero.
        float[] moment = Filled(float.NaN);

        AdamWithZeroGradient(moment);

        Assert.All(moment, m => Assert.True(float.IsNaN(m)));
    }

    [Fact]
    public void Flushing_the_first_moment_moves_no_weight_that_the_subnormal_one_would_have_moved()
    {
        // The update the flushed moment leaves out, lr / (1 - β1) · m / (sqrt(v) / sqrt(1 - β2) + eps) at step 1, is
        // below every weight's half unit in the last place, so the plain formula rounds back to the same weight.
        float[] parameters = TestData.Normal(Length, seed: 5, scale: 1e-3f), before = (float[])parameters.Clone();
        float[] moment = Filled(JustAboveSmallestNormal);
        float[] second = Filled(1e-12f);
        for (int i = 0; i < Length; i++)
        {
            float subnormal = JustAboveSmallestNormal + ((1 - 0.9f) * (0f - JustAboveSmallestNormal));
            float denominator = (MathF.Sqrt(0.999f * 1e-12f) / MathF.Sqrt(1 - 0.999f)) + 1e-8f;
            Assert.Equal(before[i], before[i] - (1e-3f / (1 - 0.9f) * subnormal / denominator));
        }

        OptimizerKernels.Adam(parameters, new float[Length], moment, second, 1e-3f, 0.9f, 0.999f, 1e-8f, step: 1);

        Assert.Equal(before, parameters);
        Assert.All(moment, m => Assert.Equal(0f, m));
    }

    [Fact]
    public void Sgd_stores_a_velocity_that_decays_below_the_smallest_normal_as_zero()
    {
        float[] velocity = Filled(JustAboveSmallestNormal);
        Assert.True(float.IsSubnormal(MathF.FusedMultiplyAdd(JustAboveSmallestNormal, 0.9f, 0f)));
        float[] parameters = TestData.Normal(Length, seed: 6), before = (float[])parameters.Clone();

        OptimizerKernels.Sgd(parameters, new float[Length], velocity, learningRate: 0.01f, momentum: 0.9f);

        Assert.All(velocity, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        Assert.Equal(before, parameters);
    }

    [Fact]
    public void Sgd_with_momentum_is_the_fused_formula_elsewhere()
    {
        float[] parameters = TestData.Normal(Length, seed: 7), velocity = TestData.Normal(Length, seed: 8), gradient = TestData.Normal(Length, seed: 9);
        var expectedParameters = new float[Length];
        var expectedVelocity = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            expectedVelocity[i] = MathF.FusedMultiplyAdd(velocity[i], 0.9f, gradient[i]);
            expectedParameters[i] = MathF.FusedMultiplyAdd(expectedVelocity[i], -0.01f, parameters[i]);
        }

        OptimizerKernels.Sgd(parameters, gradient, velocity, learningRate: 0.01f, momentum: 0.9f);

        Assert.Equal(expectedVelocity, velocity);
        Assert.Equal(expectedParameters, parameters);
    }

    [Fact]
    public void A_network_whose_input_goes_dark_ends_with_zero_first_moments_for_its_weights()
    {
        // Input 0 is lit in the first batch only; its weights' first moments then decay by 0.9 a step. After 850
        // dark steps the plain formula would hold about m·0.9^850, between float's smallest subnormal (1.4e-45) and
        // smallest normal: the flush must have made them exactly zero, and nothing else in the state is subnormal.
        const int darkSteps = 850;
        var network = new DarkInputNet();
        float[] lit = TestData.Normal(8 * 3, seed: 10), dark = (float[])lit.Clone();
        for (int row = 0; row < 8; row++)
        {
            dark[row * 3] = 0f;
        }

        float[] targets = TestData.Normal(8 * 2, seed: 11);
        network.TrainBatch(lit, targets);
        ReadOnlySpan<float> afterLit = network.GetOptimizerState(0);
        foreach (float m in new[] { afterLit[0], afterLit[1] })
        {
            double plain = Math.Abs(m) * Math.Pow(0.9, darkSteps);
            Assert.True(plain < 1.17549435E-38 && plain > 1e-44, $"The premise fails: 0.9^{darkSteps} of {m:G3} is {plain:G3}.");
        }

        for (int step = 0; step < darkSteps; step++)
        {
            network.TrainBatch(dark, targets);
        }

        ReadOnlySpan<float> moments = network.GetOptimizerState(0);
        Assert.Equal(0f, moments[0]); // the weights from input 0 to both outputs: W is [inputs, outputs]
        Assert.Equal(0f, moments[1]);
        foreach (float value in moments)
        {
            Assert.False(float.IsSubnormal(value), "A first moment is subnormal.");
        }
    }

    private static float[] Filled(float value)
    {
        var values = new float[Length];
        Array.Fill(values, value);
        return values;
    }

    private static void AdamWithZeroGradient(float[] firstMoment)
        => OptimizerKernels.Adam(new float[Length], new float[Length], firstMoment, Filled(1f), 1e-3f, 0.9f, 0.999f, 1e-8f, step: 3);
}

[Network(Inputs = 3, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, Seed = 3)]
[Dense(2)]
public partial class DarkInputNet { }
