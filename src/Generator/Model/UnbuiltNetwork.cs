using Neuroslyn.Generator.Helpers;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// A [Network] class the generator compiles nothing for, because its declaration has an error: the generator writes a
/// placeholder part of the class that marks it obsolete as an error with <see cref="Reason"/>, so that every use of
/// the class says why there is no network, in hosts where the analyzers (which report the error at the attribute) do
/// not run: a language server with analyzers off, a build with <c>RunAnalyzers=false</c>.
/// </summary>
/// <param name="Reason">The first error, as its id and message: <c>NSL0005: Dense(0) has 0 units: ...</c>.</param>
internal sealed record UnbuiltNetwork(string? Namespace, EquatableArray<ContainingTypeSpec> ContainingTypes, string ClassName, string Reason)
{
    public string FullName => ContainingTypeSpec.FullName(Namespace, ContainingTypes, ClassName);
}
