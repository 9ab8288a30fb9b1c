using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>NSL1001-NSL1004: dropout rates and dropout before BatchNorm.</summary>
internal static partial class HazardRules
{
    // NSL1xxx: dropout

    private static void CheckDropout(NetworkSource source, NetworkFacts network, HazardOptions options, List<Diagnostic> found)
    {
        for (int i = 0; i < network.Layers.Count; i++)
        {
            if (network.Layers[i].DropoutRate is not float dropoutRate)
            {
                continue;
            }

            double rate = Numbers.Exact(dropoutRate);
            if (rate == 0)
            {
                found.Add(new Finding(DiagnosticDescriptors.DropoutRateZero, source.LayerLocation(i))
                    .Fixes(Fix.RemoveLayer)
                    .Create(Numbers.Rate(rate)));
                continue;
            }

            if (rate > options.DropoutMaxRate)
            {
                found.Add(new Finding(DiagnosticDescriptors.DropoutRateTooHigh, source.Layers[i].PositionalLocation(0) ?? source.LayerLocation(i))
                    .Set(FixProperties.Rate, Numbers.RateLiteral(options.DropoutMaxRate))
                    .Fixes(Fix.SetRate)
                    .Create(Numbers.Rate(rate), Numbers.Percent(rate), $"1/(1 - {Numbers.Rate(rate)}) = {Numbers.Factor(1 / (1 - rate))}", Numbers.Rate(options.DropoutMaxRate)));
            }

            if (i + 1 < network.Layers.Count && network.Layers[i + 1].Normalizes)
            {
                found.Add(new Finding(DiagnosticDescriptors.DropoutBeforeBatchNorm, source.LayerLocation(i))
                    .Layers(source, [i + 1])
                    .Fixes(Fix.SwapWithNext)
                    .Create(Numbers.Rate(rate), Numbers.Factor(1 / (1 - rate))));
            }
        }
    }
}
