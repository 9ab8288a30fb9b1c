using System.Collections.Generic;
using Neuroslyn.Weights.Onnx;

namespace Neuroslyn;

/// <summary>A <see cref="FlattenAttribute"/> layer: an image as a vector in PyTorch's order (channel, row, column).</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">The layer's module index in the equivalent <c>nn.Sequential</c> (it has no tensors).</param>
/// <param name="Input">One sample's input shape, <c>[channels, height, width]</c>.</param>
public sealed record FlattenLayerInfo(int Index, string Name, IReadOnlyList<int> Input)
    : LayerInfo(Index, Name, Input[0] * Input[1] * Input[2], Input[0] * Input[1] * Input[2])
{
    /// <inheritdoc/>
    public override IReadOnlyList<int> InputShape => Input;

    /// <inheritdoc/>
    public override string Description => "Flatten";

    /// <summary><c>Flatten(axis = 1)</c>, which keeps ONNX's channels-first order, PyTorch's.</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input) => graph.Flatten(Name, input);
}
