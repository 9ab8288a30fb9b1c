using System;
using System.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>Checks the vector activations share: error in ulps against a double-precision definition, and bits that do not depend on a value's place in the span.</summary>
internal static class ActivationAccuracy
{
    /// <summary>Applies <paramref name="apply"/> to <paramref name="values"/> and fails on any result more than <paramref name="maxUlps"/> from <paramref name="exact"/>.</summary>
    public static void AssertWithinUlps(float[] values, SpanAction apply, Func<double, double> exact, double maxUlps, string name)
    {
        float[] results = (float[])values.Clone();
        apply(results);

        for (int i = 0; i < values.Length; i++)
        {
            double expected = exact(values[i]);
            float nearest = (float)expected;
            // One ulp at the exact value: the gap from the nearest float to the next one away from zero.
            double ulp = Math.Max(MathF.BitIncrement(MathF.Abs(nearest)) - MathF.Abs(nearest), float.Epsilon);
            double error = Math.Abs(results[i] - expected) / ulp;
            if (!(error <= maxUlps))
            {
                Assert.Fail($"{name}({values[i]:R}) = {results[i]:R}, exact {expected:R}: {error:F2} ulp, more than {maxUlps}.");
            }
        }
    }

    /// <summary>Spans of every length up to three vectors and one: each value's result equals the value's result alone, bit for bit.</summary>
    public static void AssertPositionIndependent(SpanAction apply)
    {
        // Layers of any width: the last values of a span that is not a whole number of vectors take another path.
        int width = Vector<float>.Count;
        for (int length = 1; length <= (3 * width) + 1; length++)
        {
            float[] values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = (i * 0.37f) - 2.1f;
            }

            float[] together = (float[])values.Clone();
            apply(together);

            for (int i = 0; i < length; i++)
            {
                float[] alone = [values[i]];
                apply(alone);
                Assert.Equal(BitConverter.SingleToInt32Bits(alone[0]), BitConverter.SingleToInt32Bits(together[i]));
            }
        }
    }

    /// <summary>Uniform values in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static float[] Uniform(double low, double high, int seed, int count = 100_003)
    {
        var random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(low + (random.NextDouble() * (high - low)));
        }

        return values;
    }

    /// <summary>An in-place activation.</summary>
    public delegate void SpanAction(Span<float> values);
}
