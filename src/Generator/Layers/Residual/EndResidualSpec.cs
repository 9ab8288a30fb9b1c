using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// The end of a residual block: <c>y = activation(f(x) + shortcut(x))</c>, where the layer's input is the body's output
/// <c>f(x)</c> and <c>x</c> is the output of the block's opening layer. The shortcut is the identity, or where the body
/// changes the shape a <see cref="Projection"/>: a 1 × 1 convolution with a bias (a linear layer for vectors), named
/// <c>{block}.shortcut</c> as the PyTorch module's <c>shortcut</c> attribute.
/// </summary>
/// <param name="Shape">The body's output shape, and the layer's.</param>
/// <param name="OpenIndex">The index of the block's <see cref="ResidualSpec"/>.</param>
/// <param name="BlockInput">One sample's shape at the block's input.</param>
/// <param name="Projection">The projection's layer (a 1 × 1 <see cref="Conv2DSpec"/> or a <see cref="DenseSpec"/>, at this layer's index), or null for the identity.</param>
/// <param name="BlockName">The block's tensor-name prefix.</param>
internal sealed partial record EndResidualSpec(
    int Index, int TorchIndex, TensorShape Shape, int OpenIndex, TensorShape BlockInput,
    ActivationKind Activation, float LeakySlope, LayerSpec? Projection, string BlockName)
    : LayerSpec(Index, TorchIndex, Shape, Shape)
{
    public override LayerKind Kind => EndResidualKind.Instance;

    /// <summary>None: the block's module was counted at its opening, and the activation is inside that module.</summary>
    public override int TorchModuleCount => 0;

    public override int ParameterCount => Projection?.ParameterCount ?? 0;

    public override IEnumerable<TensorSpec> Tensors => Projection?.Tensors ?? [];

    public override ActivationKind? AppliedActivation => Activation;

    public override float AppliedSlope => LeakySlope;

    public override int? ShortcutSource => OpenIndex;

    public override WeightFacts? ShortcutWeights => Projection?.Weights;

    /// <summary>The 1 × 1 projection's stride, 1 for a linear projection of vectors, 0 for the identity.</summary>
    public int ProjectionStride => Projection switch
    {
        Conv2DSpec conv => conv.Geometry.Stride,
        null => 0,
        _ => 1,
    };

    public override IEnumerable<string> GeneratedMembers => Projection?.GeneratedMembers ?? Enumerable.Empty<string>();

    public override string Describe() => $"EndResidual({Activation})";
}
