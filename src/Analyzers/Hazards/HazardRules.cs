using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;
using Neuroslyn.Generator.Parsing;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>
/// The training-hazard rules (NSL1002–NSL6002) over a network that compiles. Each rule reads the model, reports at
/// the attribute or argument that causes the hazard, with the numbers involved, and names the fixes that clear it.
/// </summary>
internal static partial class HazardRules
{
    public static List<Diagnostic> Check(NetworkSource source, HazardOptions options)
    {
        var found = new List<Diagnostic>();
        var network = new NetworkFacts(source.Spec, options);
        CheckDropout(source, network, options, found);
        CheckVanishing(source, network, options, found);
        CheckExploding(source, network, options, found);
        CheckDeadRelu(source, network, found);
        CheckInitializers(source, found);
        CheckLearningRate(source, network, options, found);
        CheckLoss(source, found);
        CheckArchitecture(source, found);
        return found;
    }

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
    /// Runs of consecutive hidden weighted layers with the same saturating activation: a layer that is the identity in
    /// inference (Dropout) continues a run, any other layer (BatchNorm, a different activation) ends it.
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
            else if (!layer.IsIdentityInInference)
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
                ? $"the gradient reaching {network.WeightedName(strongest)} can already be {Numbers.Short(largest)}x the output's at initialisation, and nothing bounds it as the weights grow"
                : $"nothing bounds the gradient as the weights grow (at initialisation the gradient reaching {network.WeightedName(network.Weighted[0])} is {Numbers.Short(network.Estimate[network.Weighted[0]])}x the output's)";
        }
        else
        {
            cause = $"No gradient clipping, and the layers above {network.Layers[strongest].Describe()} amplify the backward signal";
            consequence = $"the gradient reaching {network.WeightedName(strongest)} can be as large as {Numbers.Short(largest)}x the output's (AUTOTRAINER flags a ratio above {Numbers.Short(options.ExplodingGradientRatio)})";
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

    // NSL3xxx: initialisation

    private static void CheckInitializers(NetworkSource source, List<Diagnostic> found)
    {
        for (int i = 0; i < source.Spec.Layers.Count; i++)
        {
            LayerSpec layer = source.Spec.Layers[i];
            if (layer.Weights is not { } weights || !source.Layers[i].HasNamed("Initializer"))
            {
                continue;
            }

            Location location = source.Layers[i].NamedLocation("Initializer") ?? source.LayerLocation(i);
            double fanIn = weights.FanIn;
            double fanOut = weights.FanOut;
            InitializerKind initializer = weights.Initializer;
            ActivationKind activation = layer.AppliedActivation ?? ActivationKind.Linear;
            bool he = GradientFlow.IsHe(initializer);
            bool normal = initializer is InitializerKind.HeNormal or InitializerKind.GlorotNormal;
            if (he && activation is ActivationKind.Sigmoid or ActivationKind.Tanh)
            {
                string suggestion = normal ? nameof(InitializerKind.GlorotNormal) : nameof(InitializerKind.GlorotUniform);
                found.Add(new Finding(DiagnosticDescriptors.HeInitializerWithSaturatingActivation, location)
                    .Set(FixProperties.Initializer, suggestion)
                    .Fixes(Fix.SetInitializer)
                    .Create($"Initializer.{initializer}", activation.ToString(), Numbers.Short(2 / fanIn), Numbers.Factor((fanIn + fanOut) / fanIn), Numbers.Short(2 / (fanIn + fanOut)), suggestion));
            }
            else if (!he && activation is ActivationKind.ReLU or ActivationKind.LeakyReLU)
            {
                string suggestion = normal ? nameof(InitializerKind.HeNormal) : nameof(InitializerKind.HeUniform);
                found.Add(new Finding(DiagnosticDescriptors.GlorotInitializerWithRelu, location)
                    .Set(FixProperties.Initializer, suggestion)
                    .Fixes(Fix.SetInitializer)
                    .Create($"Initializer.{initializer}", activation.ToString(), Numbers.Short(2 / (fanIn + fanOut)), Numbers.Short(2 / fanIn), Numbers.Factor(fanIn / (fanIn + fanOut)), suggestion));
            }
        }
    }

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

    // NSL5xxx: loss and output layer

    private static void CheckLoss(NetworkSource source, List<Diagnostic> found)
    {
        NetworkSpec spec = source.Spec;
        int last = spec.Layers.Count - 1;
        ActivationKind output = spec.OutputActivation;
        if (spec.Loss == LossKind.SoftmaxCrossEntropy && spec.Outputs == 1)
        {
            var finding = new Finding(DiagnosticDescriptors.SoftmaxCrossEntropyWithOneOutput, source.NetworkArgument("Loss"));
            var fixes = new List<string>();
            if (output != ActivationKind.Softmax)
            {
                fixes.Add(Fix.SetLoss);
                finding.Set(FixProperties.Loss, nameof(LossKind.BinaryCrossEntropy));
            }

            if (spec.Layers[last].Kind.SizeArgument is int size && source.Layers[last].PositionalLocation(size) is { } units)
            {
                fixes.Add(Fix.TwoOutputUnits);
                finding.At(FixProperties.OutputUnitsAt, units);
            }

            found.Add(finding.Fixes([.. fixes]).Create());
            return;
        }

        (string applies, string loss, string again, string why, string other, bool otherFits)? squashed = (output, spec.Loss) switch
        {
            (ActivationKind.Sigmoid, LossKind.SoftmaxCrossEntropy) => (
                "Sigmoid", "SoftmaxCrossEntropy", "softmax",
                SigmoidThenSoftmax(spec.Outputs), "BinaryCrossEntropy", true),
            (ActivationKind.Softmax, LossKind.BinaryCrossEntropy) => (
                "Softmax", "BinaryCrossEntropy", "a sigmoid",
                "the sigmoid of a probability lies between 0.5 and 0.73, so the predicted probability never leaves that range, a target of 0 costs at least 0.69 and a target of 1 at least 0.31",
                "SoftmaxCrossEntropy", spec.Outputs >= 2),
            _ => null,
        };
        if (squashed is { } s)
        {
            var finding = new Finding(DiagnosticDescriptors.OutputSquashedTwice, source.ActivationLocation(last));
            var fixes = new List<string> { Fix.OutputLogits };
            if (s.otherFits)
            {
                fixes.Add(Fix.SetLoss);
                finding.Set(FixProperties.Loss, s.other).At(FixProperties.LossAt, source.NetworkArgument("Loss"));
            }

            found.Add(finding.Fixes([.. fixes]).Create(s.applies, s.loss, s.again, s.why, s.other));
        }
    }

    private static string SigmoidThenSoftmax(int classes)
    {
        // The best case: the right class's sigmoid at 1, every other at 0.
        double best = Math.E / (Math.E + classes - 1);
        return $"the outputs are in (0, 1), so the largest probability the loss can give one of {classes} classes is e/(e + {classes - 1}) = {Numbers.Short(best)} and the loss never falls below {Numbers.Short(-Math.Log(best))}";
    }

    // NSL6xxx: architecture

    private static void CheckArchitecture(NetworkSource source, List<Diagnostic> found)
    {
        IReadOnlyList<LayerSpec> layers = source.Spec.Layers.ToList();
        for (int i = 0; i < layers.Count; i++)
        {
            LayerSpec layer = layers[i];
            if (layer.Weights is not { } weights || layer.AppliedActivation != ActivationKind.Linear)
            {
                continue;
            }

            if (NextWeightedThroughLinearLayers(layers, i) is { } next)
            {
                found.Add(new Finding(DiagnosticDescriptors.LinearHiddenLayer, source.LayerLocation(i))
                    .Layers(source, [i])
                    .Fixes(Fix.UseRelu)
                    .Create(layer.Describe(), layers[next].Describe(), layer.OutputSize, AttributeReader.Grouped(layer.ParameterCount)));
            }

            if (weights.HasBias && i + 1 < layers.Count && layers[i + 1].Normalizes)
            {
                found.Add(new Finding(DiagnosticDescriptors.BiasBeforeBatchNorm, source.LayerLocation(i))
                    .Fixes(Fix.DropBias)
                    .Create(layer.Describe(), layer.OutputSize));
            }
        }
    }

    /// <summary>The weighted layer that a linear one feeds through nothing but layers without a nonlinearity (Dropout, activation-free BatchNorm).</summary>
    private static int? NextWeightedThroughLinearLayers(IReadOnlyList<LayerSpec> layers, int index)
    {
        for (int j = index + 1; j < layers.Count; j++)
        {
            if (layers[j].Weights is not null)
            {
                return j;
            }

            if (layers[j].AppliedActivation is not (null or ActivationKind.Linear))
            {
                return null;
            }
        }

        return null;
    }
}
