using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Neuroslyn.Generator.Diagnostics;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// Reads one attribute's arguments defensively: every value the user may have half-typed is checked for kind and
/// range, and a problem becomes a diagnostic at the offending argument rather than an exception.
/// </summary>
internal sealed class AttributeReader
{
    private readonly AttributeData _attribute;
    private readonly AttributeSyntax? _syntax;
    private readonly List<DiagnosticInfo> _diagnostics;

    public AttributeReader(AttributeData attribute, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _attribute = attribute;
        _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        _diagnostics = diagnostics;
    }

    /// <summary>The attribute's name as written, without the Attribute suffix (e.g. "Dense").</summary>
    public string DisplayName => (_attribute.AttributeClass?.Name ?? "?").Replace("Attribute", string.Empty);

    public Location? Location => _syntax?.GetLocation();

    /// <summary>
    /// Reports <see cref="DiagnosticDescriptors.UnreadableAttribute"/> and returns false when the compiler could not
    /// bind the attribute (half-typed arguments, wrong types): its values would be meaningless.
    /// </summary>
    public bool CheckReadable()
    {
        string? problem = null;
        if (_attribute.AttributeConstructor is null)
        {
            problem = "its arguments do not match any constructor";
        }
        else if (_attribute.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error)
            || _attribute.NamedArguments.Any(argument => argument.Value.Kind == TypedConstantKind.Error))
        {
            problem = "an argument has a compile error";
        }

        if (problem is null)
        {
            return true;
        }

        Report(DiagnosticDescriptors.UnreadableAttribute, Location, DisplayName, problem);
        return false;
    }

    public bool HasNamed(string name) => _attribute.NamedArguments.Any(argument => argument.Key == name);

    public double? NamedNumber(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in _attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return ToDouble(argument.Value.Value);
            }
        }

        return null;
    }

    public double? ConstructorNumber(int position)
        => position < _attribute.ConstructorArguments.Length ? ToDouble(_attribute.ConstructorArguments[position].Value) : null;

    /// <summary>
    /// A named array of numbers (<c>InputShape = new[] { 1, 28, 28 }</c>); null when it is absent or set to null. An element
    /// that is not a number is NaN, for the caller to report.
    /// </summary>
    public double[]? NamedNumbers(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in _attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
            {
                return argument.Value.Values.Select(value => ToDouble(value.Value) ?? double.NaN).ToArray();
            }
        }

        return null;
    }

    /// <summary>A named string argument; null when it is absent or set to null.</summary>
    public string? NamedString(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in _attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is string value)
            {
                return value;
            }
        }

        return null;
    }

    public bool NamedBool(string name, bool defaultValue)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in _attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is bool value)
            {
                return value;
            }
        }

        return defaultValue;
    }

    /// <summary>Reads an enum argument, reporting values that are not defined (e.g. <c>(Activation)42</c>).</summary>
    public TEnum ReadEnum<TEnum>(double? raw, TEnum defaultValue, string argumentName, Location? location, ref bool valid)
        where TEnum : struct, Enum
    {
        if (raw is null)
        {
            return defaultValue;
        }

        int value = (int)raw.Value;
        if (value == raw.Value && Enum.IsDefined(typeof(TEnum), value))
        {
            return (TEnum)(object)value;
        }

        string typeName = typeof(TEnum).Name.Replace("Kind", string.Empty);
        string allowed = string.Join(", ", Enum.GetNames(typeof(TEnum)).Select(name => typeName + "." + name));
        Report(DiagnosticDescriptors.UnknownEnumValue, location, argumentName, Format(raw.Value), typeName, allowed);
        valid = false;
        return defaultValue;
    }

    /// <summary>Checks a number against a range, reporting <see cref="DiagnosticDescriptors.InvalidArgument"/>.</summary>
    public bool CheckRange(string argumentName, double value, bool inRange, string requirement, Location? location)
    {
        if (inRange && !double.IsNaN(value) && !double.IsInfinity(value))
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidArgument, location, argumentName, Format(value), requirement);
        return false;
    }

    /// <summary>The location of a named argument (<c>Inputs = 3</c>), falling back to the whole attribute.</summary>
    public Location? NamedLocation(string name)
    {
        AttributeArgumentSyntax? argument = _syntax?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return argument?.GetLocation() ?? Location;
    }

    /// <summary>
    /// The location of the argument of the constructor's parameter at <paramref name="position"/>, written by position
    /// or by name (<c>units: 0</c>), falling back to the whole attribute.
    /// </summary>
    public Location? PositionalLocation(int position)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax>? arguments = _syntax?.ArgumentList?.Arguments;
        ImmutableArray<IParameterSymbol> parameters = _attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        if (arguments is null)
        {
            return Location;
        }

        // Arguments before the named ones are in the parameters' order (C# allows a name on one only in its place),
        // so an argument without a name, or named like the parameter, is the parameter's.
        string? parameter = position < parameters.Length ? parameters[position].Name : null;
        AttributeArgumentSyntax? argument = arguments.Value.FirstOrDefault(a => a.NameColon is { } name && name.Name.Identifier.ValueText == parameter)
            ?? arguments.Value.Where(a => a.NameEquals is null && a.NameColon is null).Skip(position).FirstOrDefault();
        return argument?.GetLocation() ?? Location;
    }

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    /// <summary>
    /// A number as a person writes it: a whole number with all its digits (2147483647, not 2.14748365E+09), a value the
    /// user wrote as a float as its shortest float text (0.1, not 0.100000001), any other as its shortest double text,
    /// exponents as C# writes them (1e-50), and no "Infinity" or "NaN" spelled as .NET spells them.
    /// </summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        float single = (float)value;
        string text = single == value
            ? single.ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        int exponent = text.IndexOf('E');
        return exponent < 0
            ? text
            : text.Substring(0, exponent) + "e" + int.Parse(text.Substring(exponent + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Converts an argument to the float the generated code computes with and checks that float, which is what
    /// trains, not the double the user wrote: 1e300 is infinite as a float, 1e-50 is 0, and 0.99999999999 is 1. Reports
    /// <see cref="DiagnosticDescriptors.InvalidArgument"/> with the requirement and, when the conversion changed the
    /// value, what it became.
    /// </summary>
    public bool CheckFloat(string argumentName, double value, Func<float, bool> inRange, string requirement, Location? location, out float converted)
    {
        converted = (float)value;
        if (!float.IsNaN(converted) && !float.IsInfinity(converted) && inRange(converted))
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidArgument, location, argumentName, Format(value), requirement + FloatNote(value, converted));
        return false;
    }

    /// <summary>" (1e-50 is 0 as a float, the type the generated network computes in)", or nothing when the float is the value.</summary>
    private static string FloatNote(double value, float converted)
    {
        if (double.IsNaN(value) || (double)converted == value || double.IsInfinity(value))
        {
            return string.Empty;
        }

        string becomes = float.IsInfinity(converted)
            ? $"beyond the largest float, {Format(float.MaxValue)}"
            : $"{Format(converted)} as a float";
        return $" ({Format(value)} is {becomes}, the type the generated network computes in)";
    }

    /// <summary>A float as its shortest round-trip decimal: 0.1f is 0.1, not 0.100000001.</summary>
    public static double Exact(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A rate as a user writes it, with a decimal point: 1.0, 0.5, -0.1.</summary>
    public static string FormatRate(double value)
        => value == System.Math.Floor(value) && System.Math.Abs(value) < 1e15
            ? value.ToString("0.0", CultureInfo.InvariantCulture)
            : Format(value);

    /// <summary>A count with its digits grouped, for messages: 2,147,483,591.</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static double? ToDouble(object? value) => value switch
    {
        null => null,
        IConvertible convertible when value is not (string or bool) => convertible.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };
}
