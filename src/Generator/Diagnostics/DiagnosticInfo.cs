using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Neuroslyn.Generator.Helpers;

namespace Neuroslyn.Generator.Diagnostics;

/// <summary>A source location as plain data, so that the pipeline holds no <see cref="Location"/>.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}

/// <summary>A diagnostic as plain, value-equal data (descriptor id, message arguments, location).</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>
    /// Other places the diagnostic involves (the declaration a stray layer belongs with), shown by the IDE beside the
    /// main location.
    /// </summary>
    public EquatableArray<LocationInfo> AdditionalLocations { get; init; } = EquatableArray<LocationInfo>.Empty;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object[] arguments)
        => new(descriptor, LocationInfo.From(location), arguments.Select(a => System.Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray());

    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location?.ToLocation(), AdditionalLocations.Select(location => location.ToLocation()), Arguments.Cast<object>().ToArray());
}
