using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>One reader per layer attribute: arguments checked, defaults applied, shapes and offsets resolved.</summary>
internal static class LayerReaders
{
    public static LayerSpec? ReadDense(AttributeReader reader, int index, int inputs, LayerOffsets offsets, ref bool valid)
    {
        double units = reader.ConstructorNumber(0) ?? 0;
        string layerText = $"Dense({AttributeReader.Format(units)})";
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

        float slope = ReadSlope(reader, ref valid);
        bool useBias = reader.NamedBool("UseBias", true);
        int outputs = (int)units;
        long weights = (long)inputs * outputs;
        valid &= CheckParameterCount(reader, layerText, reader.PositionalLocation(0), weights + (useBias ? outputs : 0), $"after {AttributeReader.Grouped(inputs)} inputs", offsets);
        int weightOffset = offsets.TakeParameters(weights);
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

        valid &= CheckParameterCount(reader, "BatchNorm", reader.Location, 2L * size, null, offsets);
        int scale = offsets.TakeParameters(size);
        int shift = offsets.TakeParameters(size);
        int mean = offsets.TakeBuffer(size);
        int variance = offsets.TakeBuffer(size);
        var norm = new BatchNormSpec(index, offsets.TorchIndex, size, activation, slope, (float)momentum, (float)epsilon, scale, shift, mean, variance);
        offsets.TakeTorchModules(norm.TorchModuleCount);
        return norm;
    }

    /// <summary>
    /// Reports <see cref="DiagnosticDescriptors.InvalidLayerSize"/> when the layer's <paramref name="count"/> parameters
    /// do not fit one array, alone or on top of the layers before it. The total is reported at the layer that crosses
    /// the limit, once.
    /// </summary>
    private static bool CheckParameterCount(AttributeReader reader, string layerText, Location? location, long count, string? context, LayerOffsets offsets)
    {
        long total = offsets.Parameter + count;
        string limit = $"a network holds at most {AttributeReader.Grouped(NetworkLimits.MaxArrayLength)} parameters, the longest array .NET allocates";
        if (count > NetworkLimits.MaxArrayLength)
        {
            string parameters = $"{AttributeReader.Grouped(count)} parameters" + (context is null ? string.Empty : " " + context);
            reader.Report(DiagnosticDescriptors.InvalidLayerSize, location, layerText, parameters, $"{limit}; make this layer or the one before it narrower");
            return false;
        }

        if (offsets.Parameter <= NetworkLimits.MaxArrayLength && total > NetworkLimits.MaxArrayLength)
        {
            string parameters = $"{AttributeReader.Grouped(count)} parameters, which bring the network to {AttributeReader.Grouped(total)}";
            reader.Report(DiagnosticDescriptors.InvalidLayerSize, location, layerText, parameters, $"{limit}; make the layers narrower");
            return false;
        }

        return true;
    }

    private static float ReadSlope(AttributeReader reader, ref bool valid)
    {
        double slope = reader.NamedNumber("LeakySlope") ?? 0.01;
        valid &= reader.CheckRange("LeakySlope", slope, slope is >= 0 and < 1, "the LeakyReLU slope must be in [0, 1); PyTorch's default is 0.01", reader.NamedLocation("LeakySlope"));
        return (float)slope;
    }
}
