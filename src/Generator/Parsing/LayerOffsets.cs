using System.Collections.Generic;

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
