using System.Globalization;
using System.Linq;
using System.Text;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// The name of a generated file: a readable prefix of the class's full name and a hash of the exact full name,
/// <c>Samples.FashionNet.4c1d6a2f09b3.g.cs</c>.
/// </summary>
/// <remarks>
/// The compiler compares hint names ignoring case, so the full name alone collides for <c>App.Net</c> and <c>App.NET</c>
/// (CS8785, and no network of the project is generated); and a build that writes generated files to disk
/// (<c>EmitCompilerGeneratedFiles</c>) fails with CS0016 on a file name longer than the file system allows, which a
/// long name in a script of three bytes per character reaches in 90 characters. The hash is of the case-sensitive
/// name with its namespace and enclosing types told apart (<c>A.B+C</c> is class C in type B, <c>A.B.C</c> class C in
/// namespace A.B), so two classes share a hint name only if 48 bits of FNV-1a collide; the prefix keeps the file
/// recognisable and short. No generic arity enters the key: a network and the types around it are never generic
/// (NSL0002), so no two of them differ by arity alone.
/// </remarks>
internal static class HintNames
{
    /// <summary>UTF-16 units of the readable prefix: at most 160 bytes of UTF-8, far below the 255 a file name may have.</summary>
    private const int MaxPrefixLength = 40;

    public static string For(string? @namespace, EquatableArray<ContainingTypeSpec> containingTypes, string className)
    {
        string prefix = Truncate(ContainingTypeSpec.FullName(@namespace, containingTypes, className));
        string types = string.Join("+", containingTypes.Select(type => type.Name).Concat(new[] { className }));
        string key = @namespace is null ? types : @namespace + "." + types;
        return $"{prefix}.{Hash(key)}.g.cs";
    }

    private static string Truncate(string name)
    {
        if (name.Length <= MaxPrefixLength)
        {
            return name;
        }

        // C# names are made of characters of the Basic Multilingual Plane (the compiler takes none written as two
        // UTF-16 units), so any cut leaves whole characters.
        return name.Substring(0, MaxPrefixLength).TrimEnd('.');
    }

    /// <summary>The low 48 bits of the 64-bit FNV-1a hash of the name's UTF-8 bytes, as 12 hex digits: stable on every host.</summary>
    private static string Hash(string key)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return (hash & 0xFFFF_FFFF_FFFFUL).ToString("x12", CultureInfo.InvariantCulture);
    }
}
