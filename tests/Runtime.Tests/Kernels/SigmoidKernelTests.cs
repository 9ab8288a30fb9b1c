using System;
using Neuroslyn.Kernels;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// The sigmoid activation against <c>1 / (1 + Math.Exp(-x))</c> in double precision, lane by lane; numeric, so CI
/// reruns it with narrower vectors and without FMA hardware.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class SigmoidKernelTests
{
    private const double MaxUlps = 3;

    [Theory]
    [InlineData(-87.0, 20.0, 1)]
    [InlineData(-8.0, 8.0, 2)]
    [InlineData(-0.5, 0.5, 3)]
    [InlineData(-87.0, -60.0, 4)]
    public void Every_value_above_minus_87_is_within_3_ulp_of_the_exact_sigmoid(double low, double high, int seed)
        => ActivationAccuracy.AssertWithinUlps(ActivationAccuracy.Uniform(low, high, seed), ActivationKernels.Sigmoid, Exact, MaxUlps, "sigmoid");

    [Fact]
    public void Special_values_give_the_limits()
    {
        float[] values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 100f, -100f, -1e30f];

        ActivationKernels.Sigmoid(values);

        Assert.True(float.IsNaN(values[0]));
        Assert.Equal([1f, 0f, 0.5f, 0.5f, 1f, 0f, 0f], values[1..]);
    }

    [Fact]
    public void A_value_gives_the_same_bits_in_a_whole_vector_and_in_the_tail()
        => ActivationAccuracy.AssertPositionIndependent(ActivationKernels.Sigmoid);

    [Fact]
    public void Sigmoid_of_minus_x_is_one_minus_sigmoid_of_x_within_rounding()
    {
        float[] positive = ActivationAccuracy.Uniform(0, 16, seed: 5, count: 4099);
        float[] negative = Array.ConvertAll(positive, v => -v);
        ActivationKernels.Sigmoid(positive);
        ActivationKernels.Sigmoid(negative);

        for (int i = 0; i < positive.Length; i++)
        {
            Assert.True(Math.Abs(positive[i] + negative[i] - 1.0) <= 2 * (MathF.BitIncrement(1f) - 1f), $"sigmoid({i}): {positive[i]:R} + {negative[i]:R} is not 1.");
        }
    }

    private static double Exact(double x) => 1 / (1 + Math.Exp(-x));
}
