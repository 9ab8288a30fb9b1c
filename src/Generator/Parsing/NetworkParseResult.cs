using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// What the parser makes of one [Network] class: the model when the declaration compiles, else the diagnostics, and
/// (where a placeholder part can be declared) the <see cref="UnbuiltNetwork"/> that says why at every use.
/// </summary>
internal sealed record NetworkParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly NetworkParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>Set when <see cref="Spec"/> is null and the class can take a placeholder part.</summary>
    public UnbuiltNetwork? Unbuilt { get; init; }
}
