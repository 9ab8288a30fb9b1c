using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// What the parser made of one [Network] class: a model to emit (null when any error was found) and the
/// diagnostics to report, each with its real source location.
/// </summary>
internal sealed record NetworkParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>No model and no diagnostics: the declaration is left to the compiler, or to another declaration.</summary>
    public static readonly NetworkParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
