using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>Reads <c>[MaxPool2D(pool, Stride = ..., Padding = ...)]</c>.</summary>
internal sealed class MaxPool2DKind : Pool2DKind
{
    public static readonly MaxPool2DKind Instance = new();

    public override string AttributeName => "MaxPool2DAttribute";

    protected override bool IsMax => true;
}

/// <summary>Reads <c>[AvgPool2D(pool, Stride = ..., Padding = ...)]</c>.</summary>
internal sealed class AvgPool2DKind : Pool2DKind
{
    public static readonly AvgPool2DKind Instance = new();

    public override string AttributeName => "AvgPool2DAttribute";

    protected override bool IsMax => false;
}

/// <summary>The two pooling kinds' reader: the window, its stride (the window by default, as PyTorch) and padding.</summary>
internal abstract class Pool2DKind : LayerKind
{
    protected abstract bool IsMax { get; }

    public override int? KernelArgument => 0;

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        double poolArgument = reader.ConstructorNumber(0) ?? 0;
        string layerText = $"{ShortName}({AttributeReader.Format(poolArgument)})";
        if (!LayerArguments.RequireImage(reader, layerText, input, index, "pooling"))
        {
            valid = false;
            return null;
        }

        bool argumentsValid = reader.CheckRange(
            "pool", poolArgument, poolArgument >= 1 && poolArgument <= NetworkLimits.MaxWidth && poolArgument == System.Math.Floor(poolArgument),
            "a pooling window is at least 1 × 1, e.g. 2", reader.PositionalLocation(0));
        int pool = argumentsValid ? (int)poolArgument : 1;
        int stride = LayerArguments.ReadCount(reader, "Stride", 0, 0, "a stride is at least 1, or 0 for the window's size", ref argumentsValid);
        int padding = LayerArguments.ReadCount(reader, "Padding", 0, 0, "padding is 0 or more positions per side", ref argumentsValid);
        if (argumentsValid && padding > pool / 2)
        {
            reader.Report(DiagnosticDescriptors.InvalidArgument, reader.NamedLocation("Padding"), "Padding", AttributeReader.Format(padding), $"padding is at most half the window ({pool / 2} for a window of {pool}), as PyTorch requires: a window of padding alone has no value");
            argumentsValid = false;
        }

        if (!argumentsValid)
        {
            valid = false;
            return null;
        }

        stride = stride == 0 ? pool : stride;
        long height = input.Height + (2L * padding), width = input.Width + (2L * padding);
        if (pool > height || pool > width)
        {
            reader.Report(
                DiagnosticDescriptors.LayerShapeMismatch, reader.PositionalLocation(0), layerText, input.ToString(),
                $"its {pool} × {pool} window is larger than the {height} × {width} padded input, which leaves no output; use a smaller window, or pool less before it");
            valid = false;
            return null;
        }

        var output = TensorShape.Image(input.Channels, (int)(((height - pool) / stride) + 1), (int)(((width - pool) / stride) + 1));
        return new Pool2DSpec(index, offsets.TakeTorchModules(1), input, output, IsMax, pool, stride, padding);
    }
}
