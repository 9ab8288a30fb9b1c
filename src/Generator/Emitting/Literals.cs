using System.Globalization;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Invariant, round-trip literals and the runtime names the emitted code refers to.</summary>
internal static class Literals
{
    public const string Kernels = "global::Neuroslyn.Kernels";
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    public static string Float(float value) => Shortest(value) + "f";

    /// <summary>
    /// The shortest decimal that reads back as exactly <paramref name="value"/> (0.001, not 0.00100000005). Decided
    /// by parsing, so the text is the same on every host the compiler runs on.
    /// </summary>
    public static string Shortest(float value)
    {
        for (int digits = 1; digits < 9; digits++)
        {
            string text = value.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (float.Parse(text, CultureInfo.InvariantCulture) == value)
            {
                return text;
            }
        }

        return value.ToString("G9", CultureInfo.InvariantCulture);
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Digits grouped for comments: 235,146.</summary>
    public static string Grouped(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Describe(ActivationKind activation) => activation.ToString();

    public static string Initializer(InitializerKind initializer) => "global::Neuroslyn.Initializer." + initializer;
}
