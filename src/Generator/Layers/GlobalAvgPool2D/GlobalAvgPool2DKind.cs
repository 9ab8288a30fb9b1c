using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>Reads <c>[GlobalAvgPool2D]</c>.</summary>
internal sealed class GlobalAvgPool2DKind : LayerKind
{
    public static readonly GlobalAvgPool2DKind Instance = new();

    public override string AttributeName => "GlobalAvgPool2DAttribute";

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        if (!LayerArguments.RequireImage(reader, "GlobalAvgPool2D", input, index, "global average pooling"))
        {
            valid = false;
            return null;
        }

        var pool = new GlobalAvgPool2DSpec(index, offsets.TorchIndex, input);
        offsets.TakeTorchModules(pool.TorchModuleCount);
        return pool;
    }
}
