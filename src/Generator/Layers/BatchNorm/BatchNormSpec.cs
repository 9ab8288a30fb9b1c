using System.Collections.Generic;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// Batch normalization, then an optional activation: over the features of a vector (PyTorch <c>BatchNorm1d</c>), or over
/// the channels of an image, every pixel of the batch a sample of its channel's statistics (<c>BatchNorm2d</c>).
/// </summary>
/// <param name="Shape">The input's shape, which is the output's.</param>
/// <param name="CounterIndex">Index of the layer's <c>num_batches_tracked</c> counter among the network's counters.</param>
/// <param name="Name">Prefix of the layer's tensor names: the user's <c>Name</c>, else <c>TorchIndex</c>.</param>
internal sealed partial record BatchNormSpec(
    int Index, int TorchIndex, TensorShape Shape,
    ActivationKind Activation, float LeakySlope, float Momentum, float Epsilon,
    int ScaleOffset, int ShiftOffset, int MeanOffset, int VarianceOffset, int CounterIndex, string Name)
    : LayerSpec(Index, TorchIndex, Shape, Shape)
{
    /// <summary>Values normalised separately: the features of a vector, the channels of an image.</summary>
    public int Size => Shape.IsImage ? Shape.Channels : Shape.Size;

    /// <summary>Values per sample that share one feature's statistics: an image's pixels, 1 for a vector.</summary>
    public int Positions => Shape.IsImage ? Shape.Positions : 1;

    public override LayerKind Kind => BatchNormKind.Instance;

    public override int TorchModuleCount => Activation == ActivationKind.Linear ? 1 : 2;

    public override int ParameterCount => 2 * Size;

    public override int BufferCount => 2 * Size;

    public override int CounterCount => 1;

    /// <summary>PyTorch's <c>nn.BatchNorm1d</c> state: <c>weight</c>, <c>bias</c>, the running statistics and the batch counter.</summary>
    public override IEnumerable<TensorSpec> Tensors
    {
        get
        {
            EquatableArray<int> vector = new[] { Size }.ToEquatableArray(), none = EquatableArray<int>.Empty;
            yield return new TensorSpec($"{Name}.weight", "Scale", ScaleOffset, vector, none);
            yield return new TensorSpec($"{Name}.bias", "Shift", ShiftOffset, vector, none);
            yield return new TensorSpec($"{Name}.running_mean", "RunningMean", MeanOffset, vector, none);
            yield return new TensorSpec($"{Name}.running_var", "RunningVariance", VarianceOffset, vector, none);
            yield return new TensorSpec($"{Name}.num_batches_tracked", "BatchesTracked", CounterIndex, none, none);
        }
    }

    public override ActivationKind? AppliedActivation => Activation;

    public override float AppliedSlope => LeakySlope;

    public override bool Normalizes => true;

    public override string Describe() => Activation == ActivationKind.Linear ? "BatchNorm" : $"BatchNorm({Activation})";
}
