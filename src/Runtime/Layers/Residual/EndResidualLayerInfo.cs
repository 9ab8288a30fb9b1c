using System.Collections.Generic;
using Neuroslyn.Weights.Onnx;
using Onnx;

namespace Neuroslyn;

/// <summary>
/// An <see cref="EndResidualAttribute"/> layer: <c>y = activation(f(x) + shortcut(x))</c>, where <c>f(x)</c> is the
/// layer's input (the block's body's output) and <c>x</c> the input of the block opened at <paramref name="OpenIndex"/>.
/// </summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">Prefix of the block's tensors (the projection is <c>{Name}.shortcut.weight</c>).</param>
/// <param name="OpenIndex">The index of the block's <see cref="ResidualLayerInfo"/>.</param>
/// <param name="Shape">One sample's shape: the body's output, and the layer's.</param>
/// <param name="BlockInput">One sample's shape at the block's input.</param>
/// <param name="ProjectionStride">The 1 × 1 projection's stride; 0 for an identity shortcut (1 for a linear projection of vectors).</param>
/// <param name="Activation">The activation applied to the sum.</param>
/// <param name="LeakySlope">Negative slope when <paramref name="Activation"/> is LeakyReLU.</param>
public sealed record EndResidualLayerInfo(
    int Index, string Name, int OpenIndex, IReadOnlyList<int> Shape, IReadOnlyList<int> BlockInput, int ProjectionStride,
    Activation Activation, float LeakySlope)
    : LayerInfo(Index, Name, ResidualLayerInfo.Size(Shape), ResidualLayerInfo.Size(Shape))
{
    /// <inheritdoc/>
    public override IReadOnlyList<int> InputShape => Shape;

    /// <inheritdoc/>
    public override IReadOnlyList<int> OutputShape => Shape;

    /// <summary>Whether the shortcut is a projection (a 1 × 1 convolution, or a linear layer for vectors) rather than the identity.</summary>
    public bool HasProjection => ProjectionStride > 0;

    /// <inheritdoc/>
    public override Activation AppliedActivation => Activation;

    /// <inheritdoc/>
    public override string Description => HasProjection ? $"EndResidual({Activation}, projection)" : $"EndResidual({Activation})";

    /// <summary>The projection (<c>Conv</c> 1 × 1, or <c>Gemm</c> for vectors) of the block's input, <c>Add</c>, then the activation.</summary>
    internal override string AddOnnxNodes(OnnxGraph graph, string input)
    {
        string shortcut = graph.Kept(OpenIndex);
        if (HasProjection)
        {
            var inputs = new List<string> { shortcut, graph.Parameter(Index, TensorRole.Weight), graph.Parameter(Index, TensorRole.Bias) };
            string projected = $"{Name}.shortcut";
            if (BlockInput.Count == 3)
            {
                NodeProto conv = graph.Node("Conv", $"{Name}.shortcut.Conv", inputs, projected);
                OnnxGraph.Ints(conv, "kernel_shape", 1, 1);
                OnnxGraph.Ints(conv, "strides", ProjectionStride, ProjectionStride);
            }
            else
            {
                NodeProto gemm = graph.Node("Gemm", $"{Name}.shortcut.Gemm", inputs, projected);
                gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            }

            shortcut = projected;
        }

        string sum = $"{Name}.add";
        graph.Node("Add", $"{Name}.Add", [input, shortcut], sum);
        return graph.Activation(Name, Activation, LeakySlope, sum);
    }
}
