using System;

namespace Neuroslyn.Kernels;

/// <summary>Draws initial weights.</summary>
public static class WeightInitializer
{
    /// <summary>
    /// Fills <paramref name="weights"/> with draws from <paramref name="kind"/> for a layer with the given fans.
    /// <see cref="Initializer.Auto"/> must have been resolved by the caller (the generator does it).
    /// </summary>
    public static void Fill(Span<float> weights, Initializer kind, int fanIn, int fanOut, ref NetworkRandom random)
    {
        switch (kind)
        {
            case Initializer.HeUniform:
                FillUniform(weights, Math.Sqrt(6.0 / fanIn), ref random);
                break;
            case Initializer.GlorotUniform:
                FillUniform(weights, Math.Sqrt(6.0 / (fanIn + fanOut)), ref random);
                break;
            case Initializer.HeNormal:
                FillNormal(weights, Math.Sqrt(2.0 / fanIn), ref random);
                break;
            case Initializer.GlorotNormal:
                FillNormal(weights, Math.Sqrt(2.0 / (fanIn + fanOut)), ref random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Resolve Initializer.Auto from the activation before filling.");
        }
    }

    private static void FillUniform(Span<float> weights, double limit, ref NetworkRandom random)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((random.NextDouble() * 2.0 - 1.0) * limit);
        }
    }

    private static void FillNormal(Span<float> weights, double standardDeviation, ref NetworkRandom random)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(random.NextNormal() * standardDeviation);
        }
    }
}
