using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>Reads <c>[Dense(units, activation, Initializer = ..., UseBias = ..., LeakySlope = ..., Name = ...)]</c>.</summary>
internal sealed class DenseKind : LayerKind
{
    public static readonly DenseKind Instance = new();

    public override string AttributeName => "DenseAttribute";

    public override int? ActivationArgument => 1;

    public override int? SizeArgument => 0;

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        double units = reader.ConstructorNumber(0) ?? 0;
        string layerText = $"Dense({AttributeReader.Format(units)})";
        if (!LayerArguments.RequireFlat(reader, layerText, input, "a dense layer"))
        {
            valid = false;
            return null;
        }

        if (units <= 0 || units > NetworkLimits.MaxWidth)
        {
            string problem = units <= 0
                ? "a layer needs at least 1 output"
                : $"a layer has at most {AttributeReader.Grouped(NetworkLimits.MaxWidth)} units, so that a batch of its outputs fits in an array; use fewer units";
            reader.Report(DiagnosticDescriptors.InvalidLayerSize, reader.PositionalLocation(0), layerText, $"{AttributeReader.Format(units)} units", problem);
            valid = false;
            return null;
        }

        ActivationKind activation = reader.ReadEnum(reader.ConstructorNumber(1), ActivationKind.Linear, "activation", reader.PositionalLocation(1), ref valid);
        InitializerKind initializer = reader.ReadEnum(reader.NamedNumber("Initializer"), InitializerKind.Auto, "Initializer", reader.NamedLocation("Initializer"), ref valid);
        if (initializer == InitializerKind.Auto)
        {
            initializer = activation is ActivationKind.ReLU or ActivationKind.LeakyReLU ? InitializerKind.HeUniform : InitializerKind.GlorotUniform;
        }

        float slope = LayerArguments.ReadSlope(reader, ref valid);
        bool useBias = reader.NamedBool("UseBias", true);
        int inputs = input.Size;
        int outputs = (int)units;
        long weights = (long)inputs * outputs;
        valid &= LayerArguments.CheckParameterCount(reader, layerText, reader.PositionalLocation(0), weights + (useBias ? outputs : 0), $"after {AttributeReader.Grouped(inputs)} inputs", offsets);
        int weightOffset = offsets.TakeParameters(weights);
        int biasOffset = offsets.TakeParameters(useBias ? outputs : 0);
        string name = LayerArguments.ReadName(reader, index, offsets, ref valid);
        var dense = new DenseSpec(index, offsets.TorchIndex, inputs, outputs, activation, slope, initializer, useBias, weightOffset, biasOffset, name);
        offsets.TakeTorchModules(dense.TorchModuleCount);
        return dense;
    }
}
