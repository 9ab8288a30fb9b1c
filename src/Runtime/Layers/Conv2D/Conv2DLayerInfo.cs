using System.Collections.Generic;
using Neuroslyn.Weights.Onnx;
using Onnx;

namespace Neuroslyn;

/// <summary>A <see cref="Conv2DAttribute"/> layer: <c>y = activation(conv(x, W) + b)</c> over images.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">Prefix of the layer's tensors in the state_dict (see <see cref="LayerInfo.Name"/>).</param>
/// <param name="Input">One sample's input shape, <c>[channels, height, width]</c>.</param>
/// <param name="Output">One sample's output shape, <c>[filters, height, width]</c>.</param>
/// <param name="Kernel">The kernel's height and width.</param>
/// <param name="Stride">Step between kernel positions.</param>
/// <param name="Dilation">Spacing between the kernel's taps.</param>
/// <param name="Groups">Groups of channels convolved separately.</param>
/// <param name="Pads">Zeros added: top, left, bottom, right (ONNX's <c>pads</c> order).</param>
/// <param name="Activation">The activation after the convolution.</param>
/// <param name="LeakySlope">Negative slope when <paramref name="Activation"/> is LeakyReLU.</param>
/// <param name="UseBias">Whether the layer has a bias.</param>
public sealed record Conv2DLayerInfo(
    int Index, string Name, IReadOnlyList<int> Input, IReadOnlyList<int> Output,
    int Kernel, int Stride, int Dilation, int Groups, IReadOnlyList<int> Pads,
    Activation Activation, float LeakySlope, bool UseBias)
    : LayerInfo(Index, Name, Input[0] * Input[1] * Input[2], Output[0] * Output[1] * Output[2])
{
    /// <inheritdoc/>
    public override IReadOnlyList<int> InputShape => Input;

    /// <inheritdoc/>
    public override IReadOnlyList<int> OutputShape => Output;

    /// <summary>Output channels.</summary>
    public int Filters => Output[0];

    /// <inheritdoc/>
    public override Activation AppliedActivation => Activation;

    /// <inheritdoc/>
    public override string Description => $"Conv2D({Filters}, {Kernel}, {Activation})";

    /// <summary><c>Conv(x, W, b)</c> with the layer's kernel, strides, pads, dilations and groups, then the activation.</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input)
    {
        var inputs = new List<string> { input, graph.Parameter(Index, TensorRole.Weight) };
        if (UseBias)
        {
            inputs.Add(graph.Parameter(Index, TensorRole.Bias));
        }

        string output = $"{Name}.conv";
        NodeProto conv = graph.Node("Conv", Name + ".Conv", inputs, output);
        OnnxGraph.Ints(conv, "kernel_shape", Kernel, Kernel);
        OnnxGraph.Ints(conv, "strides", Stride, Stride);
        OnnxGraph.Ints(conv, "dilations", Dilation, Dilation);
        OnnxGraph.Ints(conv, "pads", [.. Pads]);
        conv.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = Groups });
        return graph.Activation(Name, Activation, LeakySlope, output);
    }
}
