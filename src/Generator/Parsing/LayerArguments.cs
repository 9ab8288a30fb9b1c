using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;

namespace Neuroslyn.Generator.Parsing;

/// <summary>Arguments and checks that several layer kinds share: the tensor-name prefix, the LeakyReLU slope, the parameter budget.</summary>
internal static class LayerArguments
{
    /// <summary>
    /// Reports <see cref="DiagnosticDescriptors.InvalidLayerSize"/> when the layer's <paramref name="count"/> parameters
    /// do not fit one array, alone or on top of the layers before it. The total is reported at the layer that crosses
    /// the limit, once.
    /// </summary>
    public static bool CheckParameterCount(AttributeReader reader, string layerText, Location? location, long count, string? context, LayerOffsets offsets)
    {
        long total = offsets.Parameter + count;
        string limit = $"a network holds at most {AttributeReader.Grouped(Model.NetworkLimits.MaxArrayLength)} parameters, the longest array .NET allocates";
        if (count > Model.NetworkLimits.MaxArrayLength)
        {
            string parameters = $"{AttributeReader.Grouped(count)} parameters" + (context is null ? string.Empty : " " + context);
            reader.Report(DiagnosticDescriptors.InvalidLayerSize, location, layerText, parameters, $"{limit}; make this layer or the one before it narrower");
            return false;
        }

        if (offsets.Parameter <= Model.NetworkLimits.MaxArrayLength && total > Model.NetworkLimits.MaxArrayLength)
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
    public static string ReadName(AttributeReader reader, int index, LayerOffsets offsets, ref bool valid)
    {
        string? custom = reader.NamedString("Name");
        string name = custom ?? offsets.DefaultName;
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

    /// <summary>The LeakyReLU slope (PyTorch's default 0.01), checked to be in [0, 1).</summary>
    public static float ReadSlope(AttributeReader reader, ref bool valid)
    {
        valid &= reader.CheckFloat("LeakySlope", reader.NamedNumber("LeakySlope") ?? 0.01, value => value is >= 0 and < 1, "the LeakyReLU slope must be in [0, 1); PyTorch's default is 0.01", reader.NamedLocation("LeakySlope"), out float slope);
        return slope;
    }

    /// <summary>
    /// Reports <see cref="DiagnosticDescriptors.LayerShapeMismatch"/> at the attribute when a kind that works on images
    /// (<paramref name="what"/>: "a convolution") is given a flat vector; says how to give it an image.
    /// </summary>
    public static bool RequireImage(AttributeReader reader, string layerText, Model.TensorShape input, int index, string what)
    {
        if (input.IsImage)
        {
            return true;
        }

        string fix = index == 0
            ? "declare the network's input as an image, e.g. [Network(InputShape = new[] { 1, 28, 28 })]"
            : "put it before the Flatten, GlobalAvgPool2D or Dense layer that made the vector";
        reader.Report(DiagnosticDescriptors.LayerShapeMismatch, reader.Location, layerText, input.ToString(), $"{what} takes an image [channels, height, width], not a flat vector; {fix}");
        return false;
    }

    /// <summary>Reports <see cref="DiagnosticDescriptors.LayerShapeMismatch"/> when a kind that takes a flat vector is given an image.</summary>
    public static bool RequireFlat(AttributeReader reader, string layerText, Model.TensorShape input, string what)
    {
        if (input.IsFlat)
        {
            return true;
        }

        reader.Report(DiagnosticDescriptors.LayerShapeMismatch, reader.Location, layerText, input.ToString(), $"{what} takes a flat vector; put [Flatten] (or [GlobalAvgPool2D]) before it");
        return false;
    }

    /// <summary>Reads a whole-number argument of at least <paramref name="minimum"/> (a stride, a dilation), reporting NSL0007 at it otherwise.</summary>
    public static int ReadCount(AttributeReader reader, string name, int defaultValue, int minimum, string requirement, ref bool valid)
    {
        double value = reader.NamedNumber(name) ?? defaultValue;
        bool inRange = value >= minimum && value <= Model.NetworkLimits.MaxWidth && value == System.Math.Floor(value);
        valid &= reader.CheckRange(name, value, inRange, requirement, reader.NamedLocation(name));
        return inRange ? (int)value : minimum;
    }
}
