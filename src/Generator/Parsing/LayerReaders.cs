using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>One reader per layer attribute: arguments checked, defaults applied, shapes and offsets resolved.</summary>
internal static class LayerReaders
{
    public static LayerSpec? ReadDense(AttributeReader reader, int index, int inputs, LayerOffsets offsets, ref bool valid)
    {
        double units = reader.ConstructorNumber(0) ?? 0;
        if (units <= 0)
        {
            reader.Report(DiagnosticDescriptors.InvalidLayerSize, reader.PositionalLocation(0), AttributeReader.Format(units));
            valid = false;
            return null;
        }

        ActivationKind activation = reader.ReadEnum(reader.ConstructorNumber(1), ActivationKind.Linear, "activation", reader.PositionalLocation(1), ref valid);
        InitializerKind initializer = reader.ReadEnum(reader.NamedNumber("Initializer"), InitializerKind.Auto, "Initializer", reader.NamedLocation("Initializer"), ref valid);
        if (initializer == InitializerKind.Auto)
        {
            initializer = activation is ActivationKind.ReLU or ActivationKind.LeakyReLU ? InitializerKind.HeUniform : InitializerKind.GlorotUniform;
        }

        float slope = ReadSlope(reader, ref valid);
        bool useBias = reader.NamedBool("UseBias", true);
        int outputs = (int)units;
        int weightOffset = offsets.TakeParameters(inputs * outputs);
        int biasOffset = offsets.TakeParameters(useBias ? outputs : 0);
        var dense = new DenseSpec(index, offsets.TorchIndex, inputs, outputs, activation, slope, initializer, useBias, weightOffset, biasOffset);
        offsets.TakeTorchModules(dense.TorchModuleCount);
        return dense;
    }

    public static LayerSpec ReadDropout(AttributeReader reader, int index, int size, LayerOffsets offsets, ref bool valid)
    {
        double rate = reader.ConstructorNumber(0) ?? 0;
        valid &= reader.CheckRange(
            "Dropout rate",
            rate,
            rate is >= 0 and < 1,
            rate >= 1 ? "a rate of 1 or more drops every unit and the network learns nothing; use a rate below 1, such as 0.5" : "a dropout rate is a probability in [0, 1), such as 0.2",
            reader.PositionalLocation(0));
        return new DropoutSpec(index, offsets.TakeTorchModules(1), size, (float)rate);
    }

    public static LayerSpec ReadBatchNorm(AttributeReader reader, int index, int size, LayerOffsets offsets, ref bool valid)
    {
        ActivationKind activation = reader.ReadEnum(reader.ConstructorNumber(0), ActivationKind.Linear, "activation", reader.PositionalLocation(0), ref valid);
        double momentum = reader.NamedNumber("Momentum") ?? 0.1;
        valid &= reader.CheckRange("Momentum", momentum, momentum is >= 0 and <= 1, "BatchNorm momentum is the weight of each new batch in [0, 1]; PyTorch's default is 0.1", reader.NamedLocation("Momentum"));
        double epsilon = reader.NamedNumber("Epsilon") ?? 1e-5;
        valid &= reader.CheckRange("Epsilon", epsilon, epsilon > 0, "BatchNorm epsilon must be positive; PyTorch's default is 1e-5", reader.NamedLocation("Epsilon"));
        float slope = ReadSlope(reader, ref valid);

        int scale = offsets.TakeParameters(size);
        int shift = offsets.TakeParameters(size);
        int mean = offsets.TakeBuffer(size);
        int variance = offsets.TakeBuffer(size);
        var norm = new BatchNormSpec(index, offsets.TorchIndex, size, activation, slope, (float)momentum, (float)epsilon, scale, shift, mean, variance);
        offsets.TakeTorchModules(norm.TorchModuleCount);
        return norm;
    }

    private static float ReadSlope(AttributeReader reader, ref bool valid)
    {
        double slope = reader.NamedNumber("LeakySlope") ?? 0.01;
        valid &= reader.CheckRange("LeakySlope", slope, slope is >= 0 and < 1, "the LeakyReLU slope must be in [0, 1); PyTorch's default is 0.01", reader.NamedLocation("LeakySlope"));
        return (float)slope;
    }
}
