using System;

namespace Neuroslyn.Benchmarks.Peers;

/// <summary>The setup check that every peer computes the same function as the generated network.</summary>
public static class Agreement
{
    /// <summary>Largest difference the benchmarks accept between two implementations' outputs.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>Throws unless <paramref name="actual"/> matches <paramref name="expected"/> within <see cref="Tolerance"/>.</summary>
    public static void Check(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length > actual.Length)
        {
            throw new InvalidOperationException($"{what}: {actual.Length} outputs, expected {expected.Length}.");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            float difference = MathF.Abs(expected[i] - actual[i]);
            if (!(difference <= Tolerance))
            {
                throw new InvalidOperationException(
                    $"{what} does not compute the generated network's function: output {i} is {actual[i]:G9}, the generated code gives {expected[i]:G9} (|difference| {difference:G3} > {Tolerance:G3}).");
            }
        }
    }
}
