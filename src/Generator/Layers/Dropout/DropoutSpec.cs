using System;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>Inverted dropout with the given rate, over any shape; the identity in inference.</summary>
internal sealed partial record DropoutSpec(int Index, int TorchIndex, TensorShape Shape, float Rate)
    : LayerSpec(Index, TorchIndex, Shape, Shape)
{
    public override LayerKind Kind => DropoutKind.Instance;

    public override int TorchModuleCount => 1;

    public override int ParameterCount => 0;

    public override double SignalGain => 1 / Math.Sqrt(1 - Rate);

    public override float? DropoutRate => Rate;

    public override bool IsIdentityInInference => true;

    /// <summary>"Dropout(0.5)": the rate as its shortest round-trip decimal, with a decimal point.</summary>
    public override string Describe() => $"Dropout({AttributeReader.FormatRate(AttributeReader.Exact(Rate))})";
}
