using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// A residual block's opening. Forward, its output is its input (the network passes the same span on, and in
/// inference this layer keeps a copy for the block's sum, which the body's layers would overwrite); backward, the
/// gradient of the block's input is the body's gradient plus the shortcut's, which the block's end left in
/// <c>ShortcutDelta{index}</c>.
/// </summary>
internal sealed class ResidualEmitter : LayerEmitter
{
    public static readonly ResidualEmitter Instance = new();

    public override string Describe(LayerSpec layer) => $"Residual   {layer.InputShape}: a block starts; its input is added back at its end";

    public override string Info(LayerSpec layer)
        => $"new global::Neuroslyn.ResidualLayerInfo({layer.Index}, \"{((ResidualSpec)layer).Name}\", {Literals.Shape(layer.InputShape)})";

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
    }

    public override bool MonitorsOutput => false;

    public override int InferenceKept(LayerSpec layer) => layer.InputSize;

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io)
        => writer.Line("// The block's input passes on unchanged; its end reads it again for the sum.");

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch)
        => writer.Line($"{io.Input}.CopyTo({io.Shortcut});");

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        if (io.InputDelta is not null)
        {
            writer.Line($"{Literals.Kernels}.ResidualKernels.Join({io.Delta}, Head(t.{ShortcutDeltaName(layer.Index)}, {io.Rows} * {layer.InputSize}), {io.InputDelta});");
        }
    }

    /// <summary>The training buffer where block <paramref name="openIndex"/>'s end leaves the shortcut's gradient for the opening.</summary>
    public static string ShortcutDeltaName(int openIndex) => $"ShortcutDelta{openIndex}";
}
