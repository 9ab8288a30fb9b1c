using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Flatten: channels-last pixels to PyTorch's channels-first vector, and the gradient back (the runtime's <c>ImageLayout</c>).</summary>
internal sealed class FlattenEmitter : LayerEmitter
{
    public static readonly FlattenEmitter Instance = new();

    public override string Describe(LayerSpec layer) => $"Flatten    {layer.InputShape} -> {layer.OutputSize}, in PyTorch's order (channel, row, column)";

    public override string Info(LayerSpec layer)
        => $"new global::Neuroslyn.FlattenLayerInfo({layer.Index}, \"{layer.ModulePath}\", {Literals.Shape(layer.InputShape)})";

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
    }

    public override bool MonitorsOutput => false;

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io) => EmitForward(writer, layer, io);

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch) => EmitForward(writer, layer, io);

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        if (io.InputDelta is not null)
        {
            writer.Line($"{Literals.Kernels}.ImageLayout.ToChannelsLast({io.Delta}, {io.InputDelta}, {io.Rows}, {layer.InputShape.Channels}, {layer.InputShape.Positions});");
        }
    }

    private static void EmitForward(SourceWriter writer, LayerSpec layer, ForwardIo io)
        => writer.Line($"{Literals.Kernels}.ImageLayout.ToChannelsFirst({io.Input}, {io.Output}, {io.Rows}, {layer.InputShape.Channels}, {layer.InputShape.Positions});");
}
