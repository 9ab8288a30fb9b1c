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
        string name = ReadName(reader, index, offsets, ref valid);
        var dense = new DenseSpec(index, offsets.TorchIndex, inputs, outputs, activation, slope, initializer, useBias, weightOffset, biasOffset, name);
        offsets.TakeTorchModules(dense.TorchModuleCount);
        return dense;
    }

    public static LayerSpec ReadDropout(AttributeReader reader, int index, int size, LayerOffsets offsets, ref bool valid)
    {
        double rate = reader.ConstructorNumber(0) ?? 0;
        valid &= CheckDropoutRate(reader, rate);
        return new DropoutSpec(index, offsets.TakeTorchModules(1), size, (float)rate);
    }

    /// <summary>
    /// A rate outside [0, 1) cannot be compiled (1 divides by zero in inverted dropout): one error,
    /// <see cref="DiagnosticDescriptors.DropoutRateOutOfRange"/>, and no network.
    /// </summary>
    private static bool CheckDropoutRate(AttributeReader reader, double rate)
    {
        if (rate is >= 0 and < 1)
        {
            return true;
        }

        string problem = rate >= 1
            ? "drops every unit: the network learns nothing. Use a rate below 1, such as 0.5."
            : double.IsNaN(rate)
                ? "is not a number: a dropout rate is the probability of dropping a unit, in [0, 1). Use a rate such as 0.2."
                : "has a negative rate: a dropout rate is the probability of dropping a unit, in [0, 1). Use a rate such as 0.2.";
        reader.Report(DiagnosticDescriptors.DropoutRateOutOfRange, reader.PositionalLocation(0), AttributeReader.FormatRate(rate), problem);
        return false;
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
        string name = ReadName(reader, index, offsets, ref valid);
        var norm = new BatchNormSpec(index, offsets.TorchIndex, size, activation, slope, (float)momentum, (float)epsilon, scale, shift, mean, variance, offsets.TakeCounter(), name);
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

    /// <summary>
    /// The prefix of the layer's tensor names: the attribute's <c>Name</c>, or the layer's module index in the equivalent
    /// <c>nn.Sequential</c>. Reports <see cref="DiagnosticDescriptors.InvalidLayerName"/> for a name a weight file
    /// cannot carry or that an earlier layer already has.
    /// </summary>
    private static string ReadName(AttributeReader reader, int index, LayerOffsets offsets, ref bool valid)
    {
        string? custom = reader.NamedString("Name");
        string name = custom ?? offsets.TorchIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Location? location = reader.NamedLocation("Name");
        string? problem = custom is null ? null : LayerNames.Problem(custom);
        if (problem is null && !offsets.TryTakeName(name, index, out int owner))
        {
            problem = custom is null
                ? $"its tensors would be named '{name}.weight', ..., but layer {owner} has the Name '{name}'; tensor names must be unique, so give layer {owner} another Name"
                : $"layer {owner} already has the name '{name}'; tensor names must be unique, so give each layer its own Name";
        }

        if (problem is not null)
        {
            reader.Report(DiagnosticDescriptors.InvalidLayerName, location, index, custom is null ? name : $"\"{custom}\"", problem);
            valid = false;
        }

        return name;
    }

    private static float ReadSlope(AttributeReader reader, ref bool valid)
    {
        double slope = reader.NamedNumber("LeakySlope") ?? 0.01;
        valid &= reader.CheckRange("LeakySlope", slope, slope is >= 0 and < 1, "the LeakyReLU slope must be in [0, 1); PyTorch's default is 0.01", reader.NamedLocation("LeakySlope"));
        return (float)slope;
    }
}
