using System;
using System.Collections.Generic;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// The namespace and the enclosing types around a generated part of a class, opened as blocks (<c>namespace N</c>,
/// <c>partial class Outer</c>) and closed, innermost first, when the returned scope is disposed. Both the network's
/// part and a placeholder part of an unbuilt network sit in them.
/// </summary>
internal static class TypeScopes
{
    public static IDisposable Open(SourceWriter writer, string? @namespace, EquatableArray<ContainingTypeSpec> containingTypes)
    {
        var scopes = new Stack<IDisposable>();
        if (@namespace is not null)
        {
            scopes.Push(writer.Block($"namespace {Literals.Namespace(@namespace)}"));
        }

        foreach (ContainingTypeSpec outer in containingTypes)
        {
            scopes.Push(writer.Block($"partial {outer.Keyword} {Literals.TypeName(outer.Name)}"));
        }

        return new Scopes(scopes);
    }

    private sealed class Scopes(Stack<IDisposable> scopes) : IDisposable
    {
        public void Dispose()
        {
            while (scopes.Count > 0)
            {
                scopes.Pop().Dispose();
            }
        }
    }
}
