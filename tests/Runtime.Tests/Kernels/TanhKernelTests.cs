using System;
using Neuroslyn.Kernels;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// The tanh activation against <see cref="Math.Tanh"/> in double precision, lane by lane; numeric, so CI reruns it with
/// narrower vectors and without FMA hardware.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class TanhKernelTests
{
    private const double MaxUlps = 3;

    [Theory]
    [InlineData(12.0, 1)]
    [InlineData(1.0, 2)]
    [InlineData(0.2, 3)]
    [InlineData(0.01, 4)]
    public void Every_value_is_within_3_ulp_of_the_exact_tanh(double range, int seed)
        => AssertWithinUlps(ActivationAccuracy.Uniform(-range, range, seed));

    [Fact]
    public void Tiny_and_subnormal_values_keep_their_relative_precision()
    {
        float[] values = new float[2 * 45 * 7];
        int at = 0;
        for (int exponent = 1; exponent <= 45; exponent++)
        {
            for (int mantissa = 1; mantissa <= 7; mantissa++)
            {
                float value = (float)(mantissa * Math.Pow(10, -exponent));
                values[at++] = value;
                values[at++] = -value;
            }
        }

        AssertWithinUlps(values);
    }

    [Fact]
    public void Special_values_give_the_limits_and_keep_the_sign_of_zero()
    {
        float[] values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 9f, -9f, 1e30f, -1e30f];

        ActivationKernels.Tanh(values);

        Assert.True(float.IsNaN(values[0]));
        Assert.Equal([1f, -1f], values[1..3]);
        Assert.Equal(BitConverter.SingleToInt32Bits(0f), BitConverter.SingleToInt32Bits(values[3]));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(values[4]));
        Assert.Equal([1f, -1f, 1f, -1f], values[5..]);
    }

    [Fact]
    public void A_value_gives_the_same_bits_in_a_whole_vector_and_in_the_tail()
        => ActivationAccuracy.AssertPositionIndependent(ActivationKernels.Tanh);

    [Fact]
    public void Tanh_is_odd_bit_for_bit()
    {
        float[] positive = new float[4099];
        for (int i = 0; i < positive.Length; i++)
        {
            positive[i] = i * 0.0025f;
        }

        float[] negative = Array.ConvertAll(positive, v => -v);
        ActivationKernels.Tanh(positive);
        ActivationKernels.Tanh(negative);

        for (int i = 0; i < positive.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(-positive[i]), BitConverter.SingleToInt32Bits(negative[i]));
        }
    }

    private static void AssertWithinUlps(float[] values)
        => ActivationAccuracy.AssertWithinUlps(values, ActivationKernels.Tanh, Math.Tanh, MaxUlps, "tanh");
}
