using System;
using System.Globalization;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>Numbers as messages show them: short, invariant, and as a user would write them.</summary>
internal static class Numbers
{
    /// <summary>Two significant digits: 0.21, 130, 2.0e-3; an overflowed estimate as ∞, never .NET's "Infinity".</summary>
    public static string Short(double value)
    {
        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        if (value == 0 || double.IsNaN(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        double magnitude = Math.Abs(value);
        if (magnitude < 0.01 || magnitude >= 1e5)
        {
            return value.ToString("0.0e0", CultureInfo.InvariantCulture);
        }

        int digits = (int)Math.Floor(Math.Log10(magnitude)) + 1;
        int decimals = Math.Max(0, 2 - digits);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0.##########", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A gain as a factor of something else: "91x", or, for an estimate that overflowed a double (a product of many large
    /// gains), "more than 1.8e308x".
    /// </summary>
    public static string Times(double value) => double.IsPositiveInfinity(value) ? "more than 1.8e308x" : Short(value) + "x";

    /// <summary>A ratio with three significant digits: 1.25, 5, 0.667.</summary>
    public static string Factor(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) >= 1e5 || Math.Abs(value) < 1e-3)
        {
            return Short(value);
        }

        int digits = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        return Math.Round(value, Math.Max(0, 3 - digits), MidpointRounding.AwayFromZero).ToString("0.##########", CultureInfo.InvariantCulture);
    }

    /// <summary>A float as its shortest round-trip decimal: 0.1f is "0.1", not 0.100000001.</summary>
    public static double Exact(float value) => Generator.Parsing.AttributeReader.Exact(value);

    /// <summary>A float setting as a user writes it: 0.001, 0.05, 1e-9.</summary>
    public static string Setting(float value) => Math.Abs(value) >= 1e-4f || value == 0
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : Exact(value).ToString("0.###e0", CultureInfo.InvariantCulture);

    /// <summary>A dropout rate with a decimal point: 0.5, 1.0.</summary>
    public static string Rate(double value) => Generator.Parsing.AttributeReader.FormatRate(value);

    /// <summary>A rate as a C# double literal for a fix.</summary>
    public static string RateLiteral(double value) => Rate(value);

    /// <summary>A learning rate as a C# float literal for a fix: 0.001f.</summary>
    public static string FloatLiteral(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string Percent(double fraction) => Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
