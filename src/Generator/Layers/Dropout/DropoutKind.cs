using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>Reads <c>[Dropout(rate)]</c>.</summary>
internal sealed class DropoutKind : LayerKind
{
    public static readonly DropoutKind Instance = new();

    public override string AttributeName => "DropoutAttribute";

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        double rate = reader.ConstructorNumber(0) ?? 0;
        valid &= CheckRate(reader, rate);
        return new DropoutSpec(index, offsets.TakeTorchModules(1), input, (float)rate);
    }

    /// <summary>
    /// A rate outside [0, 1) cannot be compiled (1 divides by zero in inverted dropout): one error,
    /// <see cref="DiagnosticDescriptors.DropoutRateOutOfRange"/>, and no network. The rate is checked as the float the
    /// generated code holds: 0.99999999999 is 1 there.
    /// </summary>
    private static bool CheckRate(AttributeReader reader, double rate)
    {
        float converted = (float)rate;
        if (converted is >= 0 and < 1)
        {
            return true;
        }

        string problem = rate >= 1
            ? "drops every unit: the network learns nothing. Use a rate below 1, such as 0.5."
            : converted >= 1
                ? "is 1.0 as a float, the type the generated network computes in, and so drops every unit: the network learns nothing. Use a rate below 1, such as 0.5."
            : double.IsNaN(rate)
                ? "is not a number: a dropout rate is the probability of dropping a unit, in [0, 1). Use a rate such as 0.2."
                : "has a negative rate: a dropout rate is the probability of dropping a unit, in [0, 1). Use a rate such as 0.2.";
        reader.Report(DiagnosticDescriptors.DropoutRateOutOfRange, reader.PositionalLocation(0), AttributeReader.FormatRate(rate), problem);
        return false;
    }
}
