using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>Reads <c>[Residual(Name = ...)]</c>, which opens a residual block.</summary>
internal sealed class ResidualKind : LayerKind
{
    public static readonly ResidualKind Instance = new();

    public override string AttributeName => "ResidualAttribute";

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        if (offsets.OpenBlock is { } outer)
        {
            reader.Report(
                DiagnosticDescriptors.ResidualBlockStructure, reader.Location, index,
                $"it opens inside the block opened at layer {outer.OpenIndex}, and blocks do not nest; close that block with [EndResidual] first");
            valid = false;
            return null;
        }

        string name = LayerArguments.ReadName(reader, index, offsets, ref valid);
        var block = new ResidualSpec(index, offsets.TorchIndex, input, name);
        offsets.TakeTorchModules(block.TorchModuleCount);
        offsets.Open(new ResidualScope(index, input, name, reader.Location));
        return block;
    }
}
