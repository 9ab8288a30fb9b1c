using System.Collections.Generic;
using Neuroslyn.Weights.Onnx;

namespace Neuroslyn;

/// <summary>A <see cref="GlobalAvgPool2DAttribute"/> layer: each channel's mean, <c>[channels, height, width]</c> to <c>[channels]</c>.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">The index of its first module (<c>nn.AdaptiveAvgPool2d(1)</c>) in the equivalent <c>nn.Sequential</c>.</param>
/// <param name="Input">One sample's input shape, <c>[channels, height, width]</c>.</param>
public sealed record GlobalAvgPool2DLayerInfo(int Index, string Name, IReadOnlyList<int> Input)
    : LayerInfo(Index, Name, Input[0] * Input[1] * Input[2], Input[0])
{
    /// <inheritdoc/>
    public override IReadOnlyList<int> InputShape => Input;

    /// <inheritdoc/>
    public override string Description => "GlobalAvgPool2D";

    /// <summary><c>GlobalAveragePool</c>, then <c>Flatten</c> of its <c>[channels, 1, 1]</c>.</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input)
    {
        string pooled = $"{Name}.globalaveragepool";
        graph.Node("GlobalAveragePool", $"{Name}.GlobalAveragePool", [input], pooled);
        return graph.Flatten(Name, pooled);
    }
}
