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

    public override WeightFacts? Weights => new(Inputs, Outputs, Initializer, UseBias);

    /// <summary>The layer's three products, each an entry point, a share method and its delegate, and one method per vector width.</summary>
    public override IEnumerable<string> GeneratedMembers
    {
        get
        {
            foreach (string role in Index > 0 ? new[] { "Forward", "WeightGradient", "InputGradient" } : new[] { "Forward", "WeightGradient" })
            {
                string product = $"Dense{Index}{role}";
                yield return product;
                yield return product + "Share";
                yield return "s_" + char.ToLowerInvariant(product[0]) + product.Substring(1) + "Share";
                foreach (string width in new[] { "Vector512", "Vector256", "Vector128", "Scalar" })
                {
                    yield return product + width;
                }

                if (role == "Forward")
                {
                    yield return product + "Frozen";
                    yield return product + "Pack";
                }
            }
        }
    }

    public override string Describe() => Activation == ActivationKind.Linear ? $"Dense({Outputs})" : $"Dense({Outputs}, {Activation})";
}
