using System.Globalization;
using Neuroslyn.Weights.Onnx;

namespace Neuroslyn;

/// <summary>A <see cref="DropoutAttribute"/> layer: active in training only.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">The index of its module in the equivalent <c>nn.Sequential</c>; dropout has no tensors.</param>
/// <param name="Size">Values in and out.</param>
/// <param name="Rate">Probability of dropping each unit.</param>
public sealed record DropoutLayerInfo(int Index, string Name, int Size, float Rate)
    : LayerInfo(Index, Name, Size, Size)
{
    /// <inheritdoc/>
    public override string Description => $"Dropout({Rate.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>No node: dropout is the identity in inference.</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input) => input;
}
