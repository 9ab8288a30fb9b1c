using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>Reads (over a vector's features or an image's channels) <c>[BatchNorm(activation, Momentum = ..., Epsilon = ..., LeakySlope = ..., Name = ...)]</c>.</summary>
internal sealed class BatchNormKind : LayerKind
{
    public static readonly BatchNormKind Instance = new();

    public override string AttributeName => "BatchNormAttribute";

    public override int? ActivationArgument => 0;

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        int size = input.IsImage ? input.Channels : input.Size;
        ActivationKind activation = reader.ReadEnum(reader.ConstructorNumber(0), ActivationKind.Linear, "activation", reader.PositionalLocation(0), ref valid);
        // Both are doubles in the attribute and floats in the generated code: checked after the conversion.
        valid &= reader.CheckFloat("Momentum", reader.NamedNumber("Momentum") ?? 0.1, value => value is >= 0 and <= 1, "BatchNorm momentum is the weight of each new batch in [0, 1]; PyTorch's default is 0.1", reader.NamedLocation("Momentum"), out float momentum);
        valid &= reader.CheckFloat("Epsilon", reader.NamedNumber("Epsilon") ?? 1e-5, value => value > 0, "BatchNorm epsilon must be positive; PyTorch's default is 1e-5", reader.NamedLocation("Epsilon"), out float epsilon);
        float slope = LayerArguments.ReadSlope(reader, ref valid);

        valid &= LayerArguments.CheckParameterCount(reader, "BatchNorm", reader.Location, 2L * size, null, offsets);
        int scale = offsets.TakeParameters(size);
        int shift = offsets.TakeParameters(size);
        int mean = offsets.TakeBuffer(size);
        int variance = offsets.TakeBuffer(size);
        string name = LayerArguments.ReadName(reader, index, offsets, ref valid);
        var norm = new BatchNormSpec(index, offsets.TorchIndex, input, activation, slope, momentum, epsilon, scale, shift, mean, variance, offsets.TakeCounter(), name);
        offsets.TakeTorchModules(norm.TorchModuleCount);
        return norm;
    }
}
