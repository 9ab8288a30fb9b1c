using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// Running positions while layers are read: PyTorch module index and offsets into the flat buffers. The offsets are
/// longs so that a declaration too large for the generated code's ints is measured, and reported, not wrapped.
/// </summary>
internal sealed class LayerOffsets
{
    public int TorchIndex { get; private set; }

    public long Parameter { get; private set; }

    public long Buffer { get; private set; }

    /// <summary>Takes <paramref name="count"/> parameters; the offset is only meaningful while the total fits an int.</summary>
    public int TakeParameters(long count)
    {
        long offset = Parameter;
        Parameter += count;
        return unchecked((int)offset);
    }

    public int TakeBuffer(long count)
    {
        long offset = Buffer;
        Buffer += count;
        return unchecked((int)offset);
    }

    public int TakeTorchModules(int count)
    {
        int index = TorchIndex;
        TorchIndex += count;
        return index;
    }

    /// <summary>
    /// Where module paths start: empty at the top level, <c>"3.body."</c> inside the residual block whose module is
    /// <c>3</c>, whose body is an <c>nn.Sequential</c> of its own (its indices start again at 0).
    /// </summary>
    public string ModulePrefix { get; private set; } = string.Empty;

    /// <summary>The next layer's default tensor-name prefix: its module's path (<c>"4"</c>, <c>"3.body.0"</c>).</summary>
    public string DefaultName => ModulePrefix + TorchIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The residual block being read, or null outside one.</summary>
    public ResidualScope? OpenBlock { get; private set; }

    /// <summary>Starts reading the body of <paramref name="block"/>: module indices restart inside it.</summary>
    public void Open(ResidualScope block)
    {
        OpenBlock = block with { OuterTorchIndex = TorchIndex, OuterPrefix = ModulePrefix };
        ModulePrefix = block.Name + ".body.";
        TorchIndex = 0;
    }

    /// <summary>Ends the open block and returns it (null when none is open); module indices continue after the block's module.</summary>
    public ResidualScope? Close()
    {
        ResidualScope? block = OpenBlock;
        if (block is not null)
        {
            TorchIndex = block.OuterTorchIndex;
            ModulePrefix = block.OuterPrefix;
            OpenBlock = null;
        }

        return block;
    }

    /// <summary>Number of BatchNorm layers read so far: the next one's <c>num_batches_tracked</c> counter index.</summary>
    public int Counters { get; private set; }

    public int TakeCounter() => Counters++;

    /// <summary>The tensor-name prefixes taken so far, with the layer that took each.</summary>
    private readonly Dictionary<string, int> _names = new(System.StringComparer.Ordinal);

    /// <summary>Takes <paramref name="name"/> for <paramref name="layer"/>; false, with the owner, when a layer before took it.</summary>
    public bool TryTakeName(string name, int layer, out int owner)
    {
        if (_names.TryGetValue(name, out owner))
        {
            return false;
        }

        _names.Add(name, layer);
        owner = layer;
        return true;
    }
}

/// <summary>A residual block while its body is read.</summary>
/// <param name="OpenIndex">The index of the block's opening layer.</param>
/// <param name="Input">One sample's shape at the block's input.</param>
/// <param name="Name">The block's tensor-name prefix.</param>
/// <param name="Location">The opening attribute, where a block left open is reported.</param>
internal sealed record ResidualScope(int OpenIndex, TensorShape Input, string Name, Location? Location)
{
    /// <summary>The module index after the block's module, where the outer sequence continues.</summary>
    public int OuterTorchIndex { get; init; }

    /// <summary>The module prefix outside the block.</summary>
    public string OuterPrefix { get; init; } = string.Empty;
}
