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
}
