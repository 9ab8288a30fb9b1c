using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>NSL3001-NSL3002: initializers that do not match the activation.</summary>
internal static partial class HazardRules
{
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
}
