using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>Reads <c>[Flatten]</c>.</summary>
internal sealed class FlattenKind : LayerKind
{
    public static readonly FlattenKind Instance = new();

    public override string AttributeName => "FlattenAttribute";

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        if (input.IsFlat)
        {
            reader.Report(DiagnosticDescriptors.LayerShapeMismatch, reader.Location, "Flatten", input.ToString(), "its input is already a flat vector; remove [Flatten]");
            valid = false;
            return null;
        }

        return new FlattenSpec(index, offsets.TakeTorchModules(1), input);
    }
}
