using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// Reports <see cref="DiagnosticDescriptors.GeneratedMemberConflict"/> where what the user wrote in the class would
/// make the generated part fail to compile, at what they wrote: a member of a name the generator gives a member
/// (CS0102), a constructor the generator declares (CS0111), a primary constructor (which every generated constructor
/// would have to call, CS8862), a base class whose constructor the generated ones cannot call implicitly (CS7036), or
/// a base class member that a generated one would hide (CS0108).
/// </summary>
internal static class ClassConflicts
{
    /// <summary>The constructors the network emitter declares: <c>Net()</c>, which seeds with DefaultSeed, and <c>Net(int seed)</c>.</summary>
    private static bool IsGeneratedSignature(IMethodSymbol constructor)
        => constructor.Parameters.Length == 0
           || (constructor.Parameters.Length == 1 && constructor.Parameters[0] is { RefKind: RefKind.None, Type.SpecialType: SpecialType.System_Int32 });

    public static bool Check(INamedTypeSymbol symbol, IEnumerable<LayerSpec> layers, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        int before = diagnostics.Count;
        var userTrees = new Dictionary<SyntaxTree, bool>();
        bool IsUser(SyntaxTree tree)
        {
            if (!userTrees.TryGetValue(tree, out bool user))
            {
                userTrees[tree] = user = IsUserTree(tree, cancellationToken);
            }

            return user;
        }

        var generated = new HashSet<string>(GeneratedMemberNames.Of(layers), System.StringComparer.Ordinal);
        string name = symbol.Name;
        string constructors = $"{name}() and {name}(int seed)";

        foreach (TypeDeclarationSyntax declaration in UserDeclarations(symbol, cancellationToken))
        {
            if (declaration.ParameterList is { } primary)
            {
                Report(diagnostics, primary.GetLocation(), name, $"has a primary constructor {name}{primary}",
                    $"every other constructor must call it, and the generated constructors {constructors} cannot. Remove the parameter list, and keep what it carried in fields or properties set after construction");
            }
        }

        foreach (ISymbol member in symbol.GetMembers())
        {
            Location? location = member.Locations.FirstOrDefault(where => where.IsInSource && IsUser(where.SourceTree!));
            if (location is null || member.IsImplicitlyDeclared)
            {
                continue;
            }

            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
            {
                // A primary constructor is reported at its parameter list, above.
                bool primary = constructor.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax);
                if (!primary && IsGeneratedSignature(constructor))
                {
                    string signature = $"{name}({string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString()))})";
                    Report(diagnostics, location, name, $"declares the constructor {signature}",
                        $"the generated network declares {constructors}, which draw the weights from [Network(Seed = ...)] or the seed given. Remove this constructor, or give it other parameters and call this(seed) from it");
                }
            }
            else if (member.CanBeReferencedByName && generated.Contains(member.Name))
            {
                Report(diagnostics, location, name, $"declares a member named '{member.Name}'",
                    "the generated network declares a member of that name. Rename this member");
            }
            else if (ImplementedNeuroslynMember(member) is { } implemented)
            {
                Report(diagnostics, location, name, $"implements '{implemented.ToDisplayString()}' explicitly",
                    "the generated network implements the Neuroslyn interfaces itself. Remove this implementation");
            }
        }

        CheckBase(symbol, generated, compilation, diagnostics, constructors, cancellationToken);
        return diagnostics.Count == before;
    }

    /// <summary>The member of a Neuroslyn interface that <paramref name="member"/> implements explicitly, or null.</summary>
    private static ISymbol? ImplementedNeuroslynMember(ISymbol member)
    {
        ISymbol? implemented = member switch
        {
            IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation } method => method.ExplicitInterfaceImplementations.FirstOrDefault(),
            IPropertySymbol property => property.ExplicitInterfaceImplementations.FirstOrDefault(),
            IEventSymbol @event => @event.ExplicitInterfaceImplementations.FirstOrDefault(),
            _ => null,
        };
        INamespaceSymbol? space = implemented?.ContainingType.ContainingNamespace;
        while (space is { ContainingNamespace.IsGlobalNamespace: false })
        {
            space = space.ContainingNamespace;
        }

        return space?.Name == AttributeNames.Namespace ? implemented : null;
    }

    private static void CheckBase(INamedTypeSymbol symbol, HashSet<string> generated, Compilation compilation, List<DiagnosticInfo> diagnostics, string constructors, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? baseType = symbol.BaseType;
        if (baseType is null || baseType.SpecialType == SpecialType.System_Object || baseType.TypeKind == TypeKind.Error)
        {
            return;
        }

        Location? location = BaseLocation(symbol, cancellationToken);
        string display = baseType.ToDisplayString();

        // The generated constructors have no initializer: each calls base(), which binds like any call, so a
        // constructor whose parameters are all optional serves too.
        bool callable = baseType.InstanceConstructors.Any(constructor =>
            constructor.Parameters.All(parameter => parameter.IsOptional || parameter.IsParams)
            && compilation.IsSymbolAccessibleWithin(constructor, symbol));
        if (!callable)
        {
            Report(diagnostics, location, symbol.Name, $"derives from '{display}', which has no constructor it can call without arguments",
                $"the generated constructors {constructors} call base() implicitly. Give '{display}' a parameterless constructor (it may be protected), or do not derive from it");
        }

        for (INamedTypeSymbol? type = baseType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            ISymbol? hidden = type.GetMembers()
                .Where(member => member.CanBeReferencedByName && generated.Contains(member.Name) && compilation.IsSymbolAccessibleWithin(member, symbol))
                .OrderBy(member => member.Name, System.StringComparer.Ordinal)
                .FirstOrDefault();
            if (hidden is not null)
            {
                Report(diagnostics, location, symbol.Name, $"derives from '{display}', which has a member named '{hidden.Name}' (in '{type.ToDisplayString()}')",
                    "the generated network declares a member of that name, which would hide it. Rename the member of the base class, or do not derive from it");
                return;
            }
        }
    }

    /// <summary>The base class as written in a base list, or the class's name when no declaration writes it.</summary>
    private static Location? BaseLocation(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        foreach (TypeDeclarationSyntax declaration in UserDeclarations(symbol, cancellationToken))
        {
            if (declaration.BaseList?.Types.FirstOrDefault() is { } first)
            {
                return first.GetLocation();
            }
        }

        return symbol.Locations.FirstOrDefault();
    }

    private static IEnumerable<TypeDeclarationSyntax> UserDeclarations(INamedTypeSymbol symbol, CancellationToken cancellationToken)
        => symbol.DeclaringSyntaxReferences
            .Where(reference => IsUserTree(reference.SyntaxTree, cancellationToken))
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>();

    /// <summary>
    /// False for the generator's own output, which the analyzers' compilation holds (the generator's does not): a file
    /// that opens with the generated network's header (<see cref="GeneratedFile.Origin"/>).
    /// </summary>
    private static bool IsUserTree(SyntaxTree tree, CancellationToken cancellationToken)
    {
        Microsoft.CodeAnalysis.Text.SourceText text = tree.GetText(cancellationToken);
        int length = System.Math.Min(text.Length, 256);
        return text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(0, length)).IndexOf(GeneratedFile.Origin, System.StringComparison.Ordinal) < 0;
    }

    private static void Report(List<DiagnosticInfo> diagnostics, Location? location, string className, string what, string why)
        => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedMemberConflict, location, className, what, why + "."));
}
