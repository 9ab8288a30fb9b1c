using Neuroslyn.Weights.Onnx;
using Onnx;

namespace Neuroslyn;

/// <summary>A <see cref="DenseAttribute"/> layer: <c>y = activation(x·W + b)</c>.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">Prefix of the layer's tensors in the state_dict (see <see cref="LayerInfo.Name"/>).</param>
/// <param name="InputSize">Features in.</param>
/// <param name="OutputSize">Features out.</param>
/// <param name="Activation">The activation after the affine map.</param>
/// <param name="LeakySlope">Negative slope when <paramref name="Activation"/> is LeakyReLU.</param>
/// <param name="UseBias">Whether the layer has a bias.</param>
public sealed record DenseLayerInfo(int Index, string Name, int InputSize, int OutputSize, Activation Activation, float LeakySlope, bool UseBias)
    : LayerInfo(Index, Name, InputSize, OutputSize)
{
    /// <inheritdoc/>
    public override Activation AppliedActivation => Activation;

    /// <inheritdoc/>
    public override string Description => $"Dense({OutputSize}, {Activation})";

    /// <summary><c>Gemm(x, W, b, transB = 1)</c>, as <c>torch.onnx.export</c> writes an <c>nn.Linear</c>, then the activation.</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input)
    {
        var inputs = new System.Collections.Generic.List<string> { input, graph.Parameter(Index, TensorRole.Weight) };
        if (UseBias)
        {
            inputs.Add(graph.Parameter(Index, TensorRole.Bias));
        }

        string output = $"{Name}.gemm";
        NodeProto gemm = graph.Node("Gemm", Name + ".Gemm", inputs, output);
        gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        return graph.Activation(Name, Activation, LeakySlope, output);
    }
}
