using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Global average pooling: the runtime's <c>PoolKernels.GlobalAverage*</c> over channels-last images.</summary>
internal sealed class GlobalAvgPool2DEmitter : LayerEmitter
{
    public static readonly GlobalAvgPool2DEmitter Instance = new();

    public override string Describe(LayerSpec layer) => $"GlobalAvgPool2D {layer.InputShape} -> {layer.OutputShape}, each channel's mean";

    public override string Info(LayerSpec layer)
        => $"new global::Neuroslyn.GlobalAvgPool2DLayerInfo({layer.Index}, \"{layer.ModulePath}\", {Literals.Shape(layer.InputShape)})";

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
    }

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io) => EmitForward(writer, layer, io);

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch) => EmitForward(writer, layer, io);

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        if (io.InputDelta is not null)
        {
            writer.Line($"{Literals.Kernels}.PoolKernels.GlobalAverageBackward({io.Delta}, {io.InputDelta}, {io.Rows}, {layer.InputShape.Positions}, {layer.InputShape.Channels});");
        }
    }

    private static void EmitForward(SourceWriter writer, LayerSpec layer, ForwardIo io)
        => writer.Line($"{Literals.Kernels}.PoolKernels.GlobalAverageForward({io.Input}, {io.Output}, {io.Rows}, {layer.InputShape.Positions}, {layer.InputShape.Channels});");
}
