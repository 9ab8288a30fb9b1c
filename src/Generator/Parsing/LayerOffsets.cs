namespace Neuroslyn.Generator.Parsing;

/// <summary>Running positions while layers are read: PyTorch module index and offsets into the flat buffers.</summary>
internal sealed class LayerOffsets
{
    public int TorchIndex { get; private set; }

    public int Parameter { get; private set; }

    public int Buffer { get; private set; }

    public int TakeParameters(int count)
    {
        int offset = Parameter;
        Parameter += count;
        return offset;
    }

    public int TakeBuffer(int count)
    {
        int offset = Buffer;
        Buffer += count;
        return offset;
    }

    public int TakeTorchModules(int count)
    {
        int index = TorchIndex;
        TorchIndex += count;
        return index;
    }
}
