using System.Collections.Generic;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Inverted dropout: a seeded mask in training, the identity in inference.</summary>
internal sealed class DropoutEmitter : LayerEmitter
{
    public static readonly DropoutEmitter Instance = new();

    public override string Describe(LayerSpec layer)
        => $"Dropout    p = {Literals.Shortest(((DropoutSpec)layer).Rate)} (training only)";

    public override string Info(LayerSpec layer)
        => $"new global::Neuroslyn.DropoutLayerInfo({layer.Index}, \"{layer.ModulePath}\", {layer.OutputSize}, {Literals.Float(((DropoutSpec)layer).Rate)})";

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
    }

    public override IEnumerable<TrainingBuffer> TrainingBuffers(LayerSpec layer)
    {
        yield return new TrainingBuffer(MaskName(layer), layer.OutputSize, 0, "the dropout mask: 0 or 1 / (1 - p)");
    }

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io)
    {
        var dropout = (DropoutSpec)layer;
        writer.Line($"{Literals.Kernels}.DropoutKernels.Forward({io.Input}, Head(t.{MaskName(layer)}, {io.Rows} * {layer.OutputSize}), {io.Output}, {Literals.Float(dropout.Rate)}, ref _dropoutRandom);");
    }

    public override bool UsesRandomStream => true;

    public override bool MonitorsOutput => false;

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch)
        => writer.Line("// Dropout is the identity in inference.");

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        if (io.InputDelta is not null)
        {
            writer.Line($"{Literals.Kernels}.DropoutKernels.Backward({io.Delta}, Head(t.{MaskName(layer)}, {io.Rows} * {layer.OutputSize}), {io.InputDelta});");
        }
    }

    private static string MaskName(LayerSpec layer) => $"Mask{layer.Index}";
}
