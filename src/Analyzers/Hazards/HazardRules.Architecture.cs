using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;
using Neuroslyn.Generator.Parsing;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>NSL6001-NSL6003: linear hidden layers, a bias before BatchNorm, a kernel larger than its input's side.</summary>
internal static partial class HazardRules
{
    // NSL6xxx: architecture

    private static void CheckArchitecture(NetworkSource source, HazardOptions options, List<Diagnostic> found)
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
                    .Create(layer.Describe(), layers[next].Describe(), AttributeReader.Grouped(layer.ParameterCount)));
            }

            if (weights.HasBias && i + 1 < layers.Count && layers[i + 1].Normalizes)
            {
                found.Add(new Finding(DiagnosticDescriptors.BiasBeforeBatchNorm, source.LayerLocation(i))
                    .Fixes(Fix.DropBias)
                    .Create(layer.Describe(), weights.Units));
            }
        }

        for (int i = 0; i < layers.Count; i++)
        {
            CheckKernelOverPadding(source, layers, i, options, found);
        }
    }

    // NSL6003: a kernel larger than its input's side, the warning half of the catalogue's "Information lost to striding"
    // (a side of 0 is the shape error NSL0011)

    private static void CheckKernelOverPadding(NetworkSource source, IReadOnlyList<LayerSpec> layers, int index, HazardOptions options, List<Diagnostic> found)
    {
        LayerSpec layer = layers[index];
        TensorShape input = layer.InputShape;
        int kernel = layer.KernelSize;
        bool Starved(int side) => side <= options.KernelOverPaddingSide && side < kernel;
        if (kernel <= 1 || !input.IsImage || !(Starved(input.Height) || Starved(input.Width)))
        {
            return;
        }

        // A tap lies on the image only where the image is: at most min(kernel, side) of a kernel's rows, and of its columns.
        int onImage = System.Math.Min(kernel, input.Height) * System.Math.Min(kernel, input.Width);
        AttributeReader reader = source.Layers[index];
        Location? kernelArgument = layer.Kind.KernelArgument is int position ? reader.PositionalLocation(position) : null;
        var finding = new Finding(DiagnosticDescriptors.KernelOverPadding, kernelArgument ?? source.LayerLocation(index));

        // A learned kernel over a 1 × 1 image with a 1 × 1 output computes what a 1 × 1 convolution without padding does
        // from the taps that meet the pixel: that one keeps every shape and drops only weights that multiply zeros.
        if (layer.Weights is not null && kernelArgument is not null && input.Positions == 1 && layer.OutputShape.Positions == 1)
        {
            finding.Fixes(Fix.KernelOfOne);
        }

        found.Add(finding.Create(layer.Describe(), input.ToString(), WhereTheSideShrank(layers, index), onImage, kernel * kernel, kernel));
    }

    /// <summary>"MaxPool2D(2) before it makes it 1 × 1", or "the network's input": the last layer that changed the image's height and width.</summary>
    private static string WhereTheSideShrank(IReadOnlyList<LayerSpec> layers, int index)
    {
        TensorShape seen = layers[index].InputShape;
        for (int j = index - 1; j >= 0; j--)
        {
            TensorShape before = layers[j].InputShape;
            if (!before.IsImage || before.Height != seen.Height || before.Width != seen.Width)
            {
                return $"{layers[j].Describe()} before it makes it {seen.Height} × {seen.Width}";
            }
        }

        return "the network's input";
    }

    /// <summary>
    /// The weighted layer that a linear one feeds through nothing but affine layers (Dropout, activation-free BatchNorm,
    /// Flatten, average pooling); a max pooling or an activation between them is a nonlinearity.
    /// </summary>
    private static int? NextWeightedThroughLinearLayers(IReadOnlyList<LayerSpec> layers, int index)
    {
        for (int j = index + 1; j < layers.Count; j++)
        {
            if (layers[j].Weights is not null)
            {
                return j;
            }

            if (!layers[j].IsAffineInInference)
            {
                return null;
            }
        }

        return null;
    }
}
