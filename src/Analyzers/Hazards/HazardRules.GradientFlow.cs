using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>NSL2001-NSL2003: vanishing and exploding gradients (from the gradient-flow estimate) and dead ReLU units.</summary>
internal static partial class HazardRules
{
    // NSL2001: vanishing gradient

    private static void CheckVanishing(NetworkSource source, NetworkFacts network, HazardOptions options, List<Diagnostic> found)
    {
        List<int>? run = SaturatingRuns(network)
            .FirstOrDefault(candidate => candidate.Count >= (network.Activation(candidate[0]) == ActivationKind.Sigmoid ? options.VanishingSigmoidDepth : options.VanishingTanhDepth));
        if (run is not null)
        {
            int first = run[0];
            ActivationKind kind = network.Activation(first);
            bool sigmoid = kind == ActivationKind.Sigmoid;
            double estimate = network.Estimate[first];
            string cause = $"{run.Count} consecutive {kind} hidden layers with no BatchNorm between ({(sigmoid ? "sigmoid' <= 0.25" : "tanh' <= 1, but 0.071 at |z| = 2")})";
            string saturated = sigmoid ? string.Empty : $", and {Numbers.Short(estimate * Math.Pow(GradientFlow.SaturatedTanhDerivative, run.Count))} once its {run.Count} Tanh layers saturate at |z| = 2";
            found.Add(new Finding(DiagnosticDescriptors.VanishingGradient, source.LayerLocation(first))
                .Layers(source, run)
                .Fixes(Fix.UseRelu, Fix.InsertBatchNorm)
                .Create(cause, network.WeightedName(first), Numbers.Short(estimate), saturated));
            return;
        }

        int weakest = network.Weighted.Where(i => !double.IsNaN(network.Estimate[i])).OrderBy(i => network.Estimate[i]).ThenBy(i => i).DefaultIfEmpty(-1).First();
        if (weakest < 0 || network.Estimate[weakest] >= options.VanishingGradientRatio)
        {
            return;
        }

        // The hidden layers from the weakest one up to the output: their factors make the product.
        List<int> path = network.Hidden.Where(i => i >= weakest).ToList();
        bool allSaturating = path.Count > 0 && path.All(i => network.Activation(i) is ActivationKind.Sigmoid or ActivationKind.Tanh);
        found.Add(new Finding(DiagnosticDescriptors.VanishingGradient, source.LayerLocation(weakest))
            .Layers(source, path)
            .Fixes(allSaturating ? [Fix.UseRelu, Fix.InsertBatchNorm] : [Fix.InsertBatchNorm])
            .Create(
                $"The layers above {network.Layers[weakest].Describe()} shrink the backward signal, with no BatchNorm between (see the gradient-flow estimate)",
                network.WeightedName(weakest),
                Numbers.Short(network.Estimate[weakest]),
                string.Empty));
    }

    /// <summary>
    /// Runs of consecutive hidden weighted layers with the same saturating activation. A layer without weights that
    /// neither normalises nor applies an activation (Dropout, pooling, Flatten) continues a run: the gradient passes it
    /// without an activation's derivative. Any other layer (BatchNorm, a weighted layer with another activation) ends it,
    /// as do a residual block's two ends: the shortcut carries the gradient past the block's body, so the layers on
    /// either side of a block do not multiply each other's derivatives.
    /// </summary>
    private static IEnumerable<List<int>> SaturatingRuns(NetworkFacts network)
    {
        var run = new List<int>();
        for (int i = 0; i < network.Layers.Count; i++)
        {
            LayerSpec layer = network.Layers[i];
            if (layer.Weights is not null && network.IsHidden(i) && network.Activation(i) is ActivationKind.Sigmoid or ActivationKind.Tanh)
            {
                if (run.Count > 0 && network.Activation(run[0]) != network.Activation(i))
                {
                    yield return run;
                    run = [];
                }

                run.Add(i);
            }
            else if (layer.Weights is not null || layer.Normalizes || layer.AppliedActivation is not (null or ActivationKind.Linear)
                || layer.PassesThrough || layer.ShortcutSource is not null)
            {
                if (run.Count > 0)
                {
                    yield return run;
                }

                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    // NSL2002: exploding gradient

    private static void CheckExploding(NetworkSource source, NetworkFacts network, HazardOptions options, List<Diagnostic> found)
    {
        if (network.Spec.Optimizer.ClipNorm > 0 || network.Weighted.Count == 0)
        {
            return;
        }

        int depth = network.Weighted.Count;
        bool hasBatchNorm = network.Layers.Any(layer => layer.Normalizes);
        string[] unbounded = network.HiddenActivations().Where(a => a is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.Linear)
            .Distinct().OrderBy(a => a).Select(a => a.ToString()).ToArray();
        // The output layer's estimate is 1 by definition: the question is what reaches the layers below it.
        IReadOnlyList<int> below = network.Hidden.Count > 0 ? network.Hidden : network.Weighted;
        int strongest = below.OrderByDescending(i => network.Estimate[i]).ThenBy(i => i).First();
        double largest = network.Estimate[strongest];

        bool deep = depth >= options.ExplodingDepth && !hasBatchNorm && (network.HighLearningRate || unbounded.Length > 0);
        bool amplifies = largest > options.ExplodingGradientRatio;
        if (!deep && !amplifies)
        {
            return;
        }

        string cause;
        string consequence;
        if (deep)
        {
            var what = new List<string>();
            if (unbounded.Length > 0) what.Add($"unbounded activations ({string.Join(", ", unbounded)})");
            if (network.HighLearningRate) what.Add($"LearningRate = {Numbers.Setting(network.Spec.Optimizer.LearningRate)}, {Numbers.Short(network.LearningRateRatio)}x {network.OptimizerName}'s usual {Numbers.Setting(network.DefaultLearningRate)}");
            cause = $"{depth} weighted layers with {string.Join(" and ", what)}, no BatchNorm and no gradient clipping";
            consequence = largest > 1
                ? $"the gradient reaching {network.WeightedName(strongest)} can already be {Numbers.Times(largest)} the output's at initialisation, and nothing bounds it as the weights grow"
                : $"nothing bounds the gradient as the weights grow (at initialisation the gradient reaching {network.WeightedName(network.Weighted[0])} is {Numbers.Short(network.Estimate[network.Weighted[0]])}x the output's)";
        }
        else
        {
            cause = $"No gradient clipping, and the layers above {network.Layers[strongest].Describe()} amplify the backward signal";
            string size = double.IsInfinity(largest) ? Numbers.Times(largest) : "as large as " + Numbers.Times(largest);
            consequence = $"the gradient reaching {network.WeightedName(strongest)} can be {size} the output's (AUTOTRAINER flags a ratio above {Numbers.Short(options.ExplodingGradientRatio)})";
        }

        var fixes = new List<string> { Fix.AddClipping, Fix.InsertBatchNorm };
        var finding = new Finding(DiagnosticDescriptors.ExplodingGradient, source.NetworkLocation)
            .Layers(source, network.Hidden.Where(i => i + 1 >= network.Layers.Count || !network.Layers[i + 1].Normalizes));
        if (deep && !amplifies && unbounded.Length == 0 && source.Network.HasNamed("LearningRate"))
        {
            // Only the learning rate makes it a hazard: the default clears it.
            fixes.Add(Fix.LowerLearningRate);
            finding.At(FixProperties.LearningRateAt, source.NetworkArgument("LearningRate"))
                .Set(FixProperties.LearningRate, Numbers.FloatLiteral(network.DefaultLearningRate));
        }

        found.Add(finding.Fixes([.. fixes]).Create(cause, consequence));
    }

    // NSL2003: dead ReLU

    private static void CheckDeadRelu(NetworkSource source, NetworkFacts network, List<Diagnostic> found)
    {
        if (!network.HighLearningRate || !source.Network.HasNamed("LearningRate"))
        {
            return;
        }

        List<int> relu = Enumerable.Range(0, network.Layers.Count).Where(i => network.Activation(i) == ActivationKind.ReLU).ToList();
        if (relu.Count == 0)
        {
            return;
        }

        string what = network.Layers[relu[0]].Describe() + (relu.Count > 1 ? $" (and {relu.Count - 1} more ReLU layer{(relu.Count > 2 ? "s" : string.Empty)})" : string.Empty);
        found.Add(new Finding(DiagnosticDescriptors.DeadRelu, source.LayerLocation(relu[0]))
            .Layers(source, relu)
            .At(FixProperties.LearningRateAt, source.NetworkArgument("LearningRate"))
            .Set(FixProperties.LearningRate, Numbers.FloatLiteral(network.DefaultLearningRate))
            .Fixes(Fix.UseLeakyRelu, Fix.LowerLearningRate)
            .Create(what, Numbers.Setting(network.Spec.Optimizer.LearningRate), Numbers.Short(network.LearningRateRatio), network.OptimizerName, Numbers.Setting(network.DefaultLearningRate)));
    }
}
