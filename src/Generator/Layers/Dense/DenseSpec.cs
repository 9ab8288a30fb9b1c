using System.Collections.Generic;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>A fully connected layer: <c>y = activation(x·W + b)</c>, W stored input-major ([in, out]).</summary>
/// <param name="Name">Prefix of the layer's tensor names: the user's <c>Name</c>, else <c>TorchIndex</c>.</param>
internal sealed partial record DenseSpec(
    int Index, int TorchIndex, int Inputs, int Outputs,
    ActivationKind Activation, float LeakySlope, InitializerKind Initializer, bool UseBias,
    int WeightOffset, int BiasOffset, string Name)
    : LayerSpec(Index, TorchIndex, TensorShape.Features(Inputs), TensorShape.Features(Outputs))
{
    public override LayerKind Kind => DenseKind.Instance;

    public override int TorchModuleCount => Activation == ActivationKind.Linear ? 1 : 2;

    public override int ParameterCount => (Inputs * Outputs) + (UseBias ? Outputs : 0);

    /// <summary>PyTorch's <c>nn.Linear</c>: <c>weight [out, in]</c>, stored transposed, and <c>bias [out]</c>.</summary>
    public override IEnumerable<TensorSpec> Tensors
    {
        get
        {
            yield return new TensorSpec($"{Name}.weight", "Weight", WeightOffset, new[] { Outputs, Inputs }.ToEquatableArray(), new[] { 1, 0 }.ToEquatableArray());
            if (UseBias)
            {
                yield return new TensorSpec($"{Name}.bias", "Bias", BiasOffset, new[] { Outputs }.ToEquatableArray(), EquatableArray<int>.Empty);
            }
        }
    }

    public override ActivationKind? AppliedActivation => Activation;

    public override float AppliedSlope => LeakySlope;

    /// <summary>Each input feeds every output once, and each weight is used once per sample.</summary>
    public override WeightFacts? Weights => new(Inputs, Outputs, Initializer, UseBias, Units: Outputs, BackwardFanOut: Outputs, PositionsPerWeight: 1);

    /// <summary>The layer's shape struct, the type argument of the runtime's dense kernels.</summary>
    public override IEnumerable<string> GeneratedMembers => [ShapeName(Index)];

    /// <summary>The name of layer <paramref name="index"/>'s shape struct: <c>Dense0Shape</c>.</summary>
    public static string ShapeName(int index) => $"Dense{index}Shape";

    public override string Describe() => Activation == ActivationKind.Linear ? $"Dense({Outputs})" : $"Dense({Outputs}, {Activation})";
}
