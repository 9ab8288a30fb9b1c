using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Neuroslyn.Weights;

/// <summary>
/// Writes a network's state as safetensors: the 8-byte little-endian header length, the JSON header (padded with
/// spaces to a multiple of 8 bytes, as the reference implementation does, so that the data is 8-byte aligned), then
/// each tensor's little-endian data in PyTorch's layout, one after another in <see cref="StateLayout"/> order. The
/// same state always gives the same bytes.
/// </summary>
internal static class SafeTensorsWriter
{
    public static void Write<TNet>(TNet network, List<StateTensor> layout, Stream stream)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        byte[] header = Header(layout);
        Span<byte> length = stackalloc byte[sizeof(long)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (StateTensor tensor in layout)
        {
            WriteData(network, tensor, stream);
        }
    }

    private static byte[] Header(List<StateTensor> layout)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", "pt");
            json.WriteEndObject();
            long offset = 0;
            foreach (StateTensor tensor in layout)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType);
                json.WriteStartArray("shape");
                foreach (long dimension in tensor.Shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += tensor.ByteCount;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        int padding = (8 - (buffer.WrittenCount % 8)) % 8;
        byte[] header = new byte[buffer.WrittenCount + padding];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteData<TNet>(TNet network, StateTensor tensor, Stream stream)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        switch (tensor.Storage)
        {
            case StateStorage.Counters:
                LittleEndian.Write(stream, network.BatchesTracked[tensor.Offset]);
                return;
            case StateStorage.Step:
                LittleEndian.Write(stream, network.StepCount);
                return;
        }

        ReadOnlySpan<float> values = Floats(network, tensor);
        if (tensor.StorageOrder.Length == 0)
        {
            LittleEndian.Write(stream, values);
            return;
        }

        var torch = new float[values.Length];
        TensorLayout.ToTorch(values, tensor.Shape, tensor.StorageOrder, torch);
        LittleEndian.Write(stream, torch);
    }

    private static ReadOnlySpan<float> Floats<TNet>(TNet network, StateTensor tensor)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        Span<float> storage = tensor.Storage switch
        {
            StateStorage.Parameters => network.Parameters,
            StateStorage.Buffers => network.Buffers,
            _ => network.GetOptimizerState(tensor.StateIndex),
        };
        return storage.Slice(tensor.Offset, tensor.Length);
    }
}
