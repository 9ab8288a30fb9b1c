using System.Collections.Generic;
using Neuroslyn.Weights.Onnx;
using Onnx;

namespace Neuroslyn;

/// <summary>A <see cref="MaxPool2DAttribute"/> or <see cref="AvgPool2DAttribute"/> layer.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">The layer's module index in the equivalent <c>nn.Sequential</c> (it has no tensors).</param>
/// <param name="Input">One sample's input shape, <c>[channels, height, width]</c>.</param>
/// <param name="Output">One sample's output shape.</param>
/// <param name="IsMax">True for the maximum of each window, false for its mean.</param>
/// <param name="Pool">The window's height and width.</param>
/// <param name="Stride">Step between windows.</param>
/// <param name="Padding">Positions added on each side.</param>
public sealed record Pool2DLayerInfo(int Index, string Name, IReadOnlyList<int> Input, IReadOnlyList<int> Output, bool IsMax, int Pool, int Stride, int Padding)
    : LayerInfo(Index, Name, Input[0] * Input[1] * Input[2], Output[0] * Output[1] * Output[2])
{
    /// <inheritdoc/>
    public override IReadOnlyList<int> InputShape => Input;

    /// <inheritdoc/>
    public override IReadOnlyList<int> OutputShape => Output;

    /// <inheritdoc/>
    public override string Description => IsMax ? $"MaxPool2D({Pool})" : $"AvgPool2D({Pool})";

    /// <summary><c>MaxPool</c>, or <c>AveragePool</c> counting the padding as PyTorch does (<c>count_include_pad = 1</c>).</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input)
    {
        string op = IsMax ? "MaxPool" : "AveragePool";
        string output = $"{Name}.{op.ToLowerInvariant()}";
        NodeProto node = graph.Node(op, $"{Name}.{op}", [input], output);
        OnnxGraph.Ints(node, "kernel_shape", Pool, Pool);
        OnnxGraph.Ints(node, "strides", Stride, Stride);
        OnnxGraph.Ints(node, "pads", Padding, Padding, Padding, Padding);
        if (!IsMax)
        {
            node.Attribute.Add(new AttributeProto { Name = "count_include_pad", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        }

        return output;
    }
}
