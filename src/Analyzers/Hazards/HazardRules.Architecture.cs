using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;
using Neuroslyn.Generator.Parsing;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>NSL6001-NSL6002: linear hidden layers and a bias before BatchNorm.</summary>
internal static partial class HazardRules
{
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
