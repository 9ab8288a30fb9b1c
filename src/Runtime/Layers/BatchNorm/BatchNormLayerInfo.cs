using System.Collections.Generic;
using Neuroslyn.Weights.Onnx;
using Onnx;

namespace Neuroslyn;

/// <summary>A <see cref="BatchNormAttribute"/> layer, then its activation.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">Prefix of the layer's tensors in the state_dict (see <see cref="LayerInfo.Name"/>).</param>
/// <param name="Size">Values normalised separately: features of a vector (<c>BatchNorm1d</c>), channels of an image (<c>BatchNorm2d</c>).</param>
/// <param name="Activation">The activation after the normalisation.</param>
/// <param name="LeakySlope">Negative slope when <paramref name="Activation"/> is LeakyReLU.</param>
/// <param name="Momentum">Weight of each new batch in the running statistics.</param>
/// <param name="Epsilon">Added to the variance before the square root.</param>
/// <param name="Image">The input's shape <c>[channels, height, width]</c> over an image; null over a vector.</param>
public sealed record BatchNormLayerInfo(int Index, string Name, int Size, Activation Activation, float LeakySlope, float Momentum, float Epsilon, IReadOnlyList<int>? Image = null)
    : LayerInfo(Index, Name, Image is null ? Size : Image[0] * Image[1] * Image[2], Image is null ? Size : Image[0] * Image[1] * Image[2])
{
    /// <inheritdoc/>
    public override IReadOnlyList<int> InputShape => Image ?? base.InputShape;

    /// <inheritdoc/>
    public override IReadOnlyList<int> OutputShape => InputShape;

    /// <inheritdoc/>
    public override Activation AppliedActivation => Activation;

    /// <inheritdoc/>
    public override string Description => $"BatchNorm({Activation})";

    /// <summary><c>BatchNormalization(x, scale, bias, mean, var)</c> with the running statistics, then the activation.</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input)
    {
        var inputs = new System.Collections.Generic.List<string>
        {
            input,
            graph.Parameter(Index, TensorRole.Scale),
            graph.Parameter(Index, TensorRole.Shift),
            graph.Buffer(Index, TensorRole.RunningMean),
            graph.Buffer(Index, TensorRole.RunningVariance),
        };
        string output = $"{Name}.batchnorm";
        NodeProto node = graph.Node("BatchNormalization", Name + ".BatchNormalization", inputs, output);
        node.Attribute.Add(new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = Epsilon });

        // ONNX's momentum weighs the old running value (PyTorch's 1 - momentum); unused in inference, kept for fidelity.
        node.Attribute.Add(new AttributeProto { Name = "momentum", Type = AttributeProto.Types.AttributeType.Float, F = 1f - Momentum });
        return graph.Activation(Name, Activation, LeakySlope, output);
    }
}
