using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>A hazard diagnostic being built: where, which layers a fix edits, what the fixes need.</summary>
internal sealed class Finding
{
    private readonly DiagnosticDescriptor _descriptor;
    private readonly Location _location;
    private readonly List<Location> _additional = [];
    private readonly ImmutableDictionary<string, string?>.Builder _properties = ImmutableDictionary.CreateBuilder<string, string?>();

    public Finding(DiagnosticDescriptor descriptor, Location location)
    {
        _descriptor = descriptor;
        _location = location;
    }

    /// <summary>The layer attributes the fixes edit: the first additional locations.</summary>
    public Finding Layers(NetworkSource source, IEnumerable<int> indices)
    {
        foreach (int index in indices)
        {
            _additional.Add(source.LayerLocation(index));
        }

        _properties[FixProperties.LayerCount] = _additional.Count.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>Another location a fix edits, its index under <paramref name="key"/>.</summary>
    public Finding At(string key, Location location)
    {
        _properties[key] = _additional.Count.ToString(CultureInfo.InvariantCulture);
        _additional.Add(location);
        return this;
    }

    public Finding Set(string key, string value)
    {
        _properties[key] = value;
        return this;
    }

    public Finding Fixes(params string[] fixes)
    {
        _properties[FixProperties.Fixes] = string.Join(",", fixes);
        return this;
    }

    public Diagnostic Create(params object[] arguments)
        => Diagnostic.Create(_descriptor, _location, _additional, _properties.ToImmutable(), arguments);
}
