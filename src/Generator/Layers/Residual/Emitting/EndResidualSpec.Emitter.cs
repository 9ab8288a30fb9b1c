using Neuroslyn.Generator.Emitting;

namespace Neuroslyn.Generator.Model;

/// <summary>The generator's half of the record: the emitter that writes the layer's code.</summary>
internal sealed partial record EndResidualSpec
{
    public override LayerEmitter Emitter => EndResidualEmitter.Instance;
}
