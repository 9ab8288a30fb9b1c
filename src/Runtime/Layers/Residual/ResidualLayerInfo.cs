using System.Collections.Generic;
using Neuroslyn.Weights.Onnx;

namespace Neuroslyn;

/// <summary>A <see cref="ResidualAttribute"/> layer: where a residual block starts; it passes its input on unchanged and keeps it for the block's sum.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">Prefix of the block's tensors in the state_dict: the block module's index in the equivalent <c>nn.Sequential</c>, or its <c>Name</c>.</param>
/// <param name="Shape">One sample's shape (input and output), PyTorch's order.</param>
public sealed record ResidualLayerInfo(int Index, string Name, IReadOnlyList<int> Shape)
    : LayerInfo(Index, Name, Size(Shape), Size(Shape))
{
    /// <inheritdoc/>
    public override IReadOnlyList<int> InputShape => Shape;

    /// <inheritdoc/>
    public override IReadOnlyList<int> OutputShape => Shape;

    /// <inheritdoc/>
    public override string Description => "Residual";

    /// <summary>No node: the block's input is remembered for the <see cref="EndResidualLayerInfo"/> that adds it.</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input)
    {
        graph.Keep(Index, input);
        return input;
    }

    internal static int Size(IReadOnlyList<int> shape)
    {
        int size = 1;
        foreach (int dimension in shape)
        {
            size *= dimension;
        }

        return size;
    }
}
