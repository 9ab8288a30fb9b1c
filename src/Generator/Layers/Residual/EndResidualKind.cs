using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// Reads <c>[EndResidual(activation, LeakySlope = ...)]</c>, which closes the open residual block, and resolves its
/// shortcut: the identity when the body keeps the shape, else a projection of the block's input to the body's output
/// shape (a 1 × 1 convolution whose stride gives the body's height and width, or a linear layer for vectors).
/// </summary>
internal sealed class EndResidualKind : LayerKind
{
    public static readonly EndResidualKind Instance = new();

    public override string AttributeName => "EndResidualAttribute";

    public override int? ActivationArgument => 0;

    public override LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid)
    {
        ActivationKind activation = reader.ReadEnum(reader.ConstructorNumber(0), ActivationKind.ReLU, "activation", reader.PositionalLocation(0), ref valid);
        if (activation == ActivationKind.Softmax)
        {
            reader.Report(DiagnosticDescriptors.InvalidArgument, reader.PositionalLocation(0), "activation", "Activation.Softmax", "a residual block's sum is a hidden layer; put [Dense(classes, Activation.Softmax)] after the block");
            valid = false;
        }

        float slope = LayerArguments.ReadSlope(reader, ref valid);
        ResidualScope? block = offsets.Close();
        if (block is null)
        {
            reader.Report(DiagnosticDescriptors.ResidualBlockStructure, reader.Location, index, "[EndResidual] closes no block; put [Residual] before the block's first layer");
            valid = false;
            return null;
        }

        if (index == block.OpenIndex + 1)
        {
            reader.Report(DiagnosticDescriptors.ResidualBlockStructure, reader.Location, block.OpenIndex, "it has no layers; declare the block's body between [Residual] and [EndResidual]");
            valid = false;
            return null;
        }

        LayerSpec? projection = null;
        if (!input.Equals(block.Input))
        {
            projection = ReadProjection(reader, index, block, input, activation, offsets, ref valid);
            if (projection is null)
            {
                valid = false;
                return null;
            }
        }

        return new EndResidualSpec(index, offsets.TorchIndex, input, block.OpenIndex, block.Input, activation, slope, projection, block.Name);
    }

    /// <summary>
    /// The shortcut's projection from the block's input to the body's output shape, or null (reported) when no 1 × 1
    /// convolution with one stride gives that shape, or an image became a vector inside the block.
    /// </summary>
    private static LayerSpec? ReadProjection(AttributeReader reader, int index, ResidualScope block, TensorShape output, ActivationKind activation, LayerOffsets offsets, ref bool valid)
    {
        TensorShape input = block.Input;
        string? problem = null;
        int stride = 0;
        if (input.IsImage != output.IsImage)
        {
            problem = $"its body turns the block's input {input} into {output}; the sum needs both of one kind, so close the block before [Flatten] or [GlobalAvgPool2D]";
        }
        else if (input.IsImage)
        {
            stride = ProjectionStride(input, output);
            if (stride == 0)
            {
                problem = $"no 1 × 1 projection with one stride turns the block's input {input} into its body's output {output} (a stride s gives ⌈height / s⌉ × ⌈width / s⌉); keep the size in the body, or change it by one stride";
            }
        }

        if (problem is not null)
        {
            reader.Report(DiagnosticDescriptors.LayerShapeMismatch, reader.Location, "EndResidual", output.ToString(), problem);
            return null;
        }

        string name = block.Name + ".shortcut";
        if (!offsets.TryTakeName(name, index, out int owner))
        {
            reader.Report(DiagnosticDescriptors.InvalidLayerName, reader.Location, index, name, $"the block's projection is named '{name}', but layer {owner} has that Name; give layer {owner} another Name");
            valid = false;
        }

        // The projection is linear, so its initialisation follows what the sum feeds: He's for a ReLU, as a convolution's.
        InitializerKind initializer = activation is ActivationKind.ReLU or ActivationKind.LeakyReLU ? InitializerKind.HeUniform : InitializerKind.GlorotUniform;
        // A 1 × 1 convolution's weight is [out, in] over channels, a linear layer's over features.
        int units = input.IsImage ? output.Channels : output.Size;
        long weights = (long)(input.IsImage ? input.Channels : input.Size) * units;
        valid &= LayerArguments.CheckParameterCount(reader, "EndResidual", reader.Location, weights + units, "in its projection shortcut", offsets);
        int weightOffset = offsets.TakeParameters(weights);
        int biasOffset = offsets.TakeParameters(units);
        return input.IsImage
            ? new Conv2DSpec(
                index, offsets.TorchIndex, input, output, new ConvGeometry(1, stride, 1, 1, 0, 0, 0, 0),
                ActivationKind.Linear, 0.01f, initializer, UseBias: true, weightOffset, biasOffset, name)
            : new DenseSpec(index, offsets.TorchIndex, input.Size, output.Size, ActivationKind.Linear, 0.01f, initializer, UseBias: true, weightOffset, biasOffset, name);
    }

    /// <summary>The stride s at which a 1 × 1 convolution of <paramref name="input"/> gives the height and width of <paramref name="output"/>, or 0.</summary>
    private static int ProjectionStride(TensorShape input, TensorShape output)
    {
        int longest = System.Math.Max(input.Height, input.Width);
        for (int stride = 1; stride <= longest; stride++)
        {
            if ((input.Height + stride - 1) / stride == output.Height && (input.Width + stride - 1) / stride == output.Width)
            {
                return stride;
            }
        }

        return 0;
    }
}
