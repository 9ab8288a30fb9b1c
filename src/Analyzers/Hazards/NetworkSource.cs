using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>
/// A network that compiles, with where each part of it is written: the parser's <see cref="NetworkSpec"/> and, for
/// the [Network] attribute and each layer, the generator's <see cref="AttributeReader"/>, which knows the locations
/// of the attribute and its arguments.
/// </summary>
internal sealed class NetworkSource
{
    private NetworkSource(NetworkSpec spec, AttributeReader network, IReadOnlyList<AttributeReader> layers)
    {
        Spec = spec;
        Network = network;
        Layers = layers;
    }

    public NetworkSpec Spec { get; }

    /// <summary>The [Network] attribute the parser read.</summary>
    public AttributeReader Network { get; }

    /// <summary>The layer attributes, index for index with <see cref="NetworkSpec.Layers"/>.</summary>
    public IReadOnlyList<AttributeReader> Layers { get; }

    /// <summary>Null when the layer attributes do not line up with the model (they always do for a valid spec).</summary>
    public static NetworkSource? Create(INamedTypeSymbol symbol, AttributeData networkAttribute, NetworkSpec spec, CancellationToken cancellationToken)
    {
        // The readers only locate: whatever they would report, the parser has already checked.
        var ignored = new List<DiagnosticInfo>();
        IReadOnlyList<AttributeData> attributes = NetworkParser.LayerAttributes(symbol);
        if (attributes.Count != spec.Layers.Count)
        {
            return null;
        }

        var layers = new List<AttributeReader>(attributes.Count);
        foreach (AttributeData attribute in attributes)
        {
            layers.Add(new AttributeReader(attribute, ignored, cancellationToken));
        }

        return new NetworkSource(spec, new AttributeReader(networkAttribute, ignored, cancellationToken), layers);
    }

    /// <summary>The whole attribute of layer <paramref name="index"/>.</summary>
    public Location LayerLocation(int index) => Layers[index].Location ?? Location.None;

    /// <summary>The layer's activation argument (where its kind keeps it), or the attribute.</summary>
    public Location ActivationLocation(int index)
        => (Spec.Layers[index].Kind.ActivationArgument is int position ? Layers[index].PositionalLocation(position) : null) ?? LayerLocation(index);

    /// <summary>A named argument of the [Network] attribute, or the attribute.</summary>
    public Location NetworkArgument(string name) => Network.NamedLocation(name) ?? Location.None;

    public Location NetworkLocation => Network.Location ?? Location.None;
}
