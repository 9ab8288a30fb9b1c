using System.Collections.Generic;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Spans a layer reads and writes in a forward pass.</summary>
/// <param name="Input">Expression of the layer's input (rows × InputSize).</param>
/// <param name="Output">Expression of the span the layer writes (rows × OutputSize).</param>
/// <param name="Rows">Expression of the number of rows.</param>
/// <param name="ApplyActivation">False for the output layer when its activation is folded into the loss.</param>
/// <param name="Threads">Expression of the number of threads the layer's matrix products may use.</param>
/// <param name="Frozen">
/// True in a frozen network's forward pass, where weight matrices also come packed (<c>PackedSlice</c>, at the
/// weights' offsets) for kernels that read them as they are.
/// </param>
/// <param name="Shortcut">
/// For a layer with a <see cref="LayerSpec.ShortcutSource"/>, the values of that layer's output (the block's input of a
/// residual sum); for a layer that keeps values for a later one (<see cref="LayerEmitter.InferenceKept"/>), where to keep
/// them in inference. Null otherwise.
/// </param>
internal sealed record ForwardIo(string Input, string Output, string Rows, bool ApplyActivation, string Threads = "1", bool Frozen = false, string? Shortcut = null);

/// <summary>Spans a layer reads and writes in the backward pass.</summary>
/// <param name="Delta">Gradient of the loss with respect to the layer's output; the layer may overwrite it.</param>
/// <param name="InputDelta">Where to write the gradient with respect to the layer's input; null for the first layer.</param>
/// <param name="Threads">Expression of the number of threads the layer's matrix products may use.</param>
/// <param name="Shortcut">For a layer with a <see cref="LayerSpec.ShortcutSource"/>, that layer's output in the training pass.</param>
internal sealed record BackwardIo(string Input, string Output, string Delta, string? InputDelta, string Rows, bool ApplyActivation, string Threads = "1", string? Shortcut = null);

/// <summary>A per-instance training buffer: <c>PerRow</c> floats per sample of the batch plus <c>Fixed</c> floats.</summary>
internal sealed record TrainingBuffer(string Name, int PerRow, int Fixed, string Purpose);

/// <summary>
/// Writes the code of one layer kind. Each kind has its own emitter, so a new layer is a new model record and a
/// new emitter, not edits scattered through the network emitter.
/// </summary>
internal abstract class LayerEmitter
{
    /// <summary>The layer's emitter: each kind's spec names its own (<see cref="LayerSpec.Emitter"/>).</summary>
    public static LayerEmitter For(LayerSpec layer) => layer.Emitter;

    /// <summary>One line for the topology header.</summary>
    public abstract string Describe(LayerSpec layer);

    /// <summary>The layer as a <c>LayerInfo</c> constructor call.</summary>
    public abstract string Info(LayerSpec layer);

    /// <summary>Writes the constructor's initialisation of the layer's parameters and buffers.</summary>
    public abstract void EmitInitialization(SourceWriter writer, LayerSpec layer);

    /// <summary>Buffers the training pass keeps per instance (beyond the layer's output).</summary>
    public virtual IEnumerable<TrainingBuffer> TrainingBuffers(LayerSpec layer) => [];

    /// <summary>Floats of per-call scratch the inference pass needs, independent of the batch.</summary>
    public virtual int InferenceScratch(LayerSpec layer) => 0;

    /// <summary>
    /// Floats per row the inference pass must keep from this layer for a later one (a residual block's input, which the
    /// body's layers would overwrite); written to <see cref="ForwardIo.Shortcut"/>.
    /// </summary>
    public virtual int InferenceKept(LayerSpec layer) => 0;

    public abstract void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io);

    public abstract void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io);

    /// <summary>Writes the inference forward pass (a comment only, for a layer that is the identity in inference).</summary>
    public abstract void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch);

    /// <summary>
    /// Writes what the frozen network's constructor does for the layer beyond copying the parameters and buffers
    /// (packing its weights), if anything.
    /// </summary>
    public virtual void EmitFreeze(SourceWriter writer, LayerSpec layer)
    {
    }

    /// <summary>True for a kind that draws from the network's seeded dropout stream in training.</summary>
    public virtual bool UsesRandomStream => false;

    /// <summary>True when a monitored network hands the layer's training output to the monitor (not for dropout, whose output is its input masked).</summary>
    public virtual bool MonitorsOutput => true;

    /// <summary>Writes the layer's own members (Dense: its shape struct), the ones <see cref="LayerSpec.GeneratedMembers"/> names.</summary>
    public virtual void EmitKernels(SourceWriter writer, LayerSpec layer)
    {
    }

    protected static string Parameters(int offset, int length) => $"ParameterSlice({offset}, {length})";

    protected static string Packed(int offset, int length) => $"PackedSlice({offset}, {length})";

    protected static string Gradients(int offset, int length) => $"GradientSlice({offset}, {length})";

    protected static string Buffers(int offset, int length) => $"BufferSlice({offset}, {length})";

    protected static string Activation(ActivationKind activation) => "global::Neuroslyn.Activation." + activation;
}
