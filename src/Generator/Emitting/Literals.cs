using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Invariant, round-trip literals and the runtime names the emitted code refers to.</summary>
internal static class Literals
{
    public const string Kernels = "global::Neuroslyn.Kernels";
    public const string AlignedBuffer = Kernels + ".CacheAlignedBuffer";
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>
    /// A float literal: <c>0.001f</c>. The parser lets no infinite or NaN value through (it checks every value as the
    /// float it becomes); should one reach here all the same, it is written as the constant that compiles, never as
    /// <c>Infinityf</c>.
    /// </summary>
    public static string Float(float value) => value switch
    {
        float.PositiveInfinity => "float.PositiveInfinity",
        float.NegativeInfinity => "float.NegativeInfinity",
        _ when float.IsNaN(value) => "float.NaN",
        _ => Shortest(value) + "f",
    };

    /// <summary>
    /// The shortest decimal that reads back as exactly <paramref name="value"/> (0.001, not 0.00100000005), with the
    /// exponent written as people write it: 1e-8, not 1E-08. Decided by parsing, so the text is the same on
    /// every host the compiler runs on; valid as a C# literal too.
    /// </summary>
    public static string Shortest(float value)
    {
        string text = value.ToString("G9", CultureInfo.InvariantCulture);
        for (int digits = 1; digits < 9; digits++)
        {
            string candidate = value.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (float.Parse(candidate, CultureInfo.InvariantCulture) == value)
            {
                text = candidate;
                break;
            }
        }

        int exponent = text.IndexOf('E');
        return exponent < 0
            ? text
            : text.Substring(0, exponent) + "e" + int.Parse(text.Substring(exponent + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A name as C# source: <c>@class</c> for a keyword. Contextual keywords are escaped too (<c>@record</c>,
    /// <c>@partial</c>), which is always valid and spares knowing where each one is a keyword.
    /// </summary>
    public static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>
    /// A type's name as C# source: an <see cref="Identifier"/>, escaped as well when it is all lower-case ASCII letters.
    /// The compiler warns about such a type name (CS8981) unless it is escaped: the user's declaration either escapes
    /// it or has the warning already, and the generated one must not add it again.
    /// </summary>
    public static string TypeName(string name) => name.All(c => c is >= 'a' and <= 'z') ? "@" + name : Identifier(name);

    /// <summary>A namespace's dotted name with each part an <see cref="Identifier"/>.</summary>
    public static string Namespace(string dottedName) => string.Join(".", dottedName.Split('.').Select(Identifier));

    /// <summary>A C# string literal of <paramref name="text"/>: quotes, backslashes and control characters escaped.</summary>
    public static string String(string text)
    {
        var literal = new System.Text.StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            literal.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return literal.Append('"').ToString();
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Digits grouped for comments: 235,146.</summary>
    public static string Grouped(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count and its noun, singular for 1, for comments: "1 output", "235,146 parameters".</summary>
    public static string Count(int value, string noun) => $"{Grouped(value)} {noun}{(value == 1 ? string.Empty : "s")}";

    public static string Describe(ActivationKind activation) => activation.ToString();

    /// <summary>A shape as an array: <c>new int[] { 1, 28, 28 }</c>.</summary>
    public static string Shape(TensorShape shape) => $"new int[] {{ {string.Join(", ", shape.Dimensions.Select(Int))} }}";

    public static string Initializer(InitializerKind initializer) => "global::Neuroslyn.Initializer." + initializer;
}
