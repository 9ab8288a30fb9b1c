using System;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// Reads <c>[Conv2D(filters, kernel, activation, Stride = ..., Padding = ..., Dilation = ..., Groups = ..., Initializer = ...,
/// UseBias = ..., LeakySlope = ..., Name = ...)]</c> and resolves its output shape as PyTorch does.
/// </summary>
internal sealed class Conv2DKind : LayerKind
{
    public static readonly Conv2DKind Instance = new();

    /// <summary>The value of <c>Padding.Same</c>.</summary>
    private const int SamePadding = -1;

    public override string AttributeName => "Conv2DAttribute";

    public override int? ActivationArgument => 2;

    public override int? SizeArgument => 0;

    public override int? KernelArgument => 1;

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        double filters = reader.ConstructorNumber(0) ?? 0;
        double kernelArgument = reader.ConstructorNumber(1) ?? 0;
        string layerText = $"Conv2D({AttributeReader.Format(filters)}, {AttributeReader.Format(kernelArgument)})";
        if (!LayerArguments.RequireImage(reader, layerText, input, index, "a convolution"))
        {
            valid = false;
            return null;
        }

        if (filters <= 0 || filters > NetworkLimits.MaxWidth)
        {
            string problem = filters <= 0 ? "a convolution needs at least 1 filter" : $"a convolution has at most {AttributeReader.Grouped(NetworkLimits.MaxWidth)} filters";
            reader.Report(DiagnosticDescriptors.InvalidLayerSize, reader.PositionalLocation(0), layerText, $"{AttributeReader.Format(filters)} filters", problem);
            valid = false;
            return null;
        }

        bool argumentsValid = reader.CheckRange("kernel", kernelArgument, kernelArgument >= 1 && kernelArgument <= NetworkLimits.MaxWidth && kernelArgument == Math.Floor(kernelArgument), "a kernel is at least 1 × 1, e.g. 3", reader.PositionalLocation(1));
        ActivationKind activation = reader.ReadEnum(reader.ConstructorNumber(2), ActivationKind.Linear, "activation", reader.PositionalLocation(2), ref argumentsValid);
        if (activation == ActivationKind.Softmax)
        {
            reader.Report(DiagnosticDescriptors.InvalidArgument, reader.PositionalLocation(2), "activation", "Activation.Softmax", "a convolution's output is an image; put [Flatten] and [Dense(classes, Activation.Softmax)] after it");
            argumentsValid = false;
        }

        int stride = LayerArguments.ReadCount(reader, "Stride", 1, 1, "a stride is at least 1", ref argumentsValid);
        int dilation = LayerArguments.ReadCount(reader, "Dilation", 1, 1, "a dilation is at least 1 (1 is an ordinary kernel)", ref argumentsValid);
        int groups = LayerArguments.ReadCount(reader, "Groups", 1, 1, "groups are at least 1 (1 is an ordinary convolution)", ref argumentsValid);
        double padding = reader.NamedNumber("Padding") ?? 0;
        argumentsValid &= reader.CheckRange(
            "Padding", padding, padding == SamePadding || (padding >= 0 && padding <= NetworkLimits.MaxWidth && padding == Math.Floor(padding)),
            "padding is a number of zeros per side (0 or more), or Padding.Same", reader.NamedLocation("Padding"));
        InitializerKind initializer = reader.ReadEnum(reader.NamedNumber("Initializer"), InitializerKind.Auto, "Initializer", reader.NamedLocation("Initializer"), ref argumentsValid);
        float slope = LayerArguments.ReadSlope(reader, ref argumentsValid);
        if (!argumentsValid)
        {
            valid = false;
            return null;
        }

        int kernel = (int)kernelArgument, count = (int)filters;
        if (input.Channels % groups != 0 || count % groups != 0)
        {
            reader.Report(
                DiagnosticDescriptors.LayerShapeMismatch, reader.NamedLocation("Groups"), layerText, input.ToString(),
                $"Groups = {groups} must divide both its {input.Channels} input channels and its {count} filters; use a common divisor (Groups = {input.Channels} with a multiple of {input.Channels} filters is depthwise)");
            valid = false;
            return null;
        }

        ConvGeometry geometry = Resolve(kernel, stride, dilation, groups, padding == SamePadding, (int)Math.Max(0, padding), input);
        long span = ((long)dilation * (kernel - 1)) + 1;
        long paddedHeight = input.Height + (long)geometry.PadTop + geometry.PadBottom, paddedWidth = input.Width + (long)geometry.PadLeft + geometry.PadRight;
        if (span > paddedHeight || span > paddedWidth)
        {
            string taps = dilation == 1 ? $"{kernel} × {kernel}" : $"{span} × {span} pixels (kernel {kernel}, dilation {dilation})";
            reader.Report(
                DiagnosticDescriptors.LayerShapeMismatch, reader.PositionalLocation(1), layerText, input.ToString(),
                $"its kernel spans {taps}, more than the {paddedHeight} × {paddedWidth} padded input; use a smaller kernel or dilation, pad the input (Padding = Padding.Same), or pool less before it");
            valid = false;
            return null;
        }

        int outputHeight = (int)(((paddedHeight - span) / stride) + 1), outputWidth = (int)(((paddedWidth - span) / stride) + 1);
        var output = TensorShape.Image(count, outputHeight, outputWidth);
        if ((long)count * outputHeight * outputWidth > NetworkLimits.MaxWidth)
        {
            reader.Report(
                DiagnosticDescriptors.InvalidLayerSize, reader.PositionalLocation(0), layerText, $"an output of {count} × {outputHeight} × {outputWidth} values",
                $"a layer has at most {AttributeReader.Grouped(NetworkLimits.MaxWidth)} outputs per sample; use fewer filters or a larger stride");
            valid = false;
            return null;
        }

        if (initializer == InitializerKind.Auto)
        {
            initializer = activation is ActivationKind.ReLU or ActivationKind.LeakyReLU ? InitializerKind.HeUniform : InitializerKind.GlorotUniform;
        }

        bool useBias = reader.NamedBool("UseBias", true);
        long weights = (long)kernel * kernel * (input.Channels / groups) * count;
        valid &= LayerArguments.CheckParameterCount(reader, layerText, reader.PositionalLocation(0), weights + (useBias ? count : 0), $"after {input.Channels} input channels", offsets);
        int weightOffset = offsets.TakeParameters(weights);
        int biasOffset = offsets.TakeParameters(useBias ? count : 0);
        string name = LayerArguments.ReadName(reader, index, offsets, ref valid);
        var conv = new Conv2DSpec(index, offsets.TorchIndex, input, output, geometry, activation, slope, initializer, useBias, weightOffset, biasOffset, name);
        offsets.TakeTorchModules(conv.TorchModuleCount);
        return conv;
    }

    /// <summary>
    /// The zeros on each side: <paramref name="padding"/> everywhere, or for "same" as many as give ⌈input / stride⌉
    /// outputs per side, an odd one at the bottom and right (Keras, ONNX SAME_UPPER, PyTorch at stride 1).
    /// </summary>
    private static ConvGeometry Resolve(int kernel, int stride, int dilation, int groups, bool same, int padding, TensorShape input)
    {
        if (!same)
        {
            return new ConvGeometry(kernel, stride, dilation, groups, padding, padding, padding, padding);
        }

        long span = ((long)dilation * (kernel - 1)) + 1;
        int Total(int size) => (int)Math.Max(0, ((((long)size + stride - 1) / stride) - 1) * stride + span - size);
        int height = Total(input.Height), width = Total(input.Width);
        return new ConvGeometry(kernel, stride, dilation, groups, height / 2, width / 2, height - (height / 2), width - (width / 2));
    }
}
