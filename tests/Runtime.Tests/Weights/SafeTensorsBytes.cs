using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>Takes safetensors bytes apart and puts them together again, so that tests can craft files the writer never would.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>The header as a JSON object and the data section of <paramref name="file"/>.</summary>
    public static (JsonObject Header, byte[] Data) Split(byte[] file)
    {
        int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        JsonObject header = JsonNode.Parse(Encoding.UTF8.GetString(file, 8, length))!.AsObject();
        return (header, file.AsSpan(8 + length).ToArray());
    }

    /// <summary>A file of the given header text and data; the header length is the text's unless <paramref name="declaredLength"/> says otherwise.</summary>
    public static byte[] Join(string header, byte[] data, ulong? declaredLength = null)
    {
        byte[] text = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + text.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, declaredLength ?? (ulong)text.Length);
        text.CopyTo(file, 8);
        data.CopyTo(file, 8 + text.Length);
        return file;
    }

    public static byte[] Join(JsonObject header, byte[] data) => Join(header.ToJsonString(), data);

    /// <summary>The tensor names of <paramref name="file"/>'s header in order, without <c>__metadata__</c>.</summary>
    public static string[] Names(byte[] file) => Split(file).Header.Select(entry => entry.Key).Where(key => key != "__metadata__").ToArray();
}
