using Neuroslyn.Generator.Emitting;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// The generator's half of the record (the analyzers compile the model without it): every kind names its emitter,
/// so a kind without one does not compile.
/// </summary>
internal abstract partial record LayerSpec
{
    /// <summary>The emitter that writes this kind's code.</summary>
    public abstract LayerEmitter Emitter { get; }
}
