using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>NSL4001-NSL4002: learning rates far from the optimizer's usual one.</summary>
internal static partial class HazardRules
{
    // NSL4xxx: learning rate

    private static void CheckLearningRate(NetworkSource source, NetworkFacts network, HazardOptions options, List<Diagnostic> found)
    {
        if (!source.Network.HasNamed("LearningRate"))
        {
            return;
        }

        double rate = Numbers.Exact(network.Spec.Optimizer.LearningRate);
        Location location = source.NetworkArgument("LearningRate");
        if (network.HighLearningRate && !network.HasRelu)
        {
            // With ReLU layers the same learning rate is NSL2003, whose message and fixes cover both: one diagnostic.
            found.Add(new Finding(DiagnosticDescriptors.LearningRateTooHigh, location)
                .Set(FixProperties.LearningRate, Numbers.FloatLiteral(network.DefaultLearningRate))
                .Fixes(Fix.SetLearningRate)
                .Create(Numbers.Setting(network.Spec.Optimizer.LearningRate), Numbers.Short(network.LearningRateRatio), network.OptimizerName, Numbers.Setting(network.DefaultLearningRate), Numbers.Short(options.LearningRateMaxFactor * network.DefaultLearningRate)));
        }
        else if (!network.HighLearningRate && rate < options.LearningRateMin)
        {
            found.Add(new Finding(DiagnosticDescriptors.LearningRateTooLow, location)
                .Set(FixProperties.LearningRate, Numbers.FloatLiteral(network.DefaultLearningRate))
                .Fixes(Fix.SetLearningRate)
                .Create(Numbers.Setting(network.Spec.Optimizer.LearningRate), Numbers.Setting((float)options.LearningRateMin), network.OptimizerName, Numbers.Setting(network.DefaultLearningRate)));
        }
    }
}
