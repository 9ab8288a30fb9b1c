using Neuroslyn.Generator.Emitting;

namespace Neuroslyn.Generator.Model;

/// <summary>The generator's half of the record: the emitter that writes the layer's code.</summary>
internal sealed partial record FlattenSpec
{
    public override LayerEmitter Emitter => FlattenEmitter.Instance;
}
