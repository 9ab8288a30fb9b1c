using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Neuroslyn.Weights;

/// <summary>
/// Parses and checks a safetensors header: a JSON object of tensor entries (<c>dtype</c>, <c>shape</c>,
/// <c>data_offsets</c>) and an optional <c>__metadata__</c> object of strings. Every problem is a
/// <see cref="WeightFileException"/>; everything it allocates is bounded by the header's real size, never by a number
/// the header declares.
/// </summary>
internal static class SafeTensorsHeaderReader
{
    /// <summary>The most dimensions a tensor may declare (PyTorch allows 64).</summary>
    public const int MaxRank = 64;

    private const string MetadataKey = "__metadata__";

    /// <summary>The entries of <paramref name="header"/>, checked against a data section of <paramref name="dataLength"/> bytes.</summary>
    public static Dictionary<string, SafeTensorsEntry> Read(ReadOnlySpan<byte> header, long dataLength)
    {
        Dictionary<string, SafeTensorsEntry> entries = Parse(header);
        CheckOffsets(entries, dataLength);
        return entries;
    }

    private static Dictionary<string, SafeTensorsEntry> Parse(ReadOnlySpan<byte> header)
    {
        var entries = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 4 });
            if (!(reader.Read() && reader.TokenType == JsonTokenType.StartObject))
            {
                throw new WeightFileException(null, "the header is not a JSON object");
            }

            bool sawMetadata = false;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (name == MetadataKey)
                {
                    if (sawMetadata)
                    {
                        throw new WeightFileException(null, "the header has two __metadata__ entries");
                    }

                    sawMetadata = true;
                    ReadMetadata(ref reader);
                    continue;
                }

                if (entries.ContainsKey(name))
                {
                    throw new WeightFileException(Shown(name), "the header declares this tensor twice");
                }

                entries.Add(name, ReadEntry(ref reader, name));
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new WeightFileException(null, "the header is not a JSON object");
            }

            if (reader.Read())
            {
                throw new WeightFileException(null, "the header has more after its JSON object");
            }
        }
        catch (JsonException exception)
        {
            throw new WeightFileException(null, $"the header is not well-formed JSON ({Shown(exception.Message)})");
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader.GetString on a string that is not valid UTF-8.
            throw new WeightFileException(null, $"the header is not well-formed UTF-8 JSON ({Shown(exception.Message)})");
        }

        return entries;
    }

    private static void ReadMetadata(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            throw new WeightFileException(null, "__metadata__ is not an object of strings");
        }

        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            _ = reader.GetString();
            if (Next(ref reader) != JsonTokenType.String)
            {
                throw new WeightFileException(null, "__metadata__ is not an object of strings");
            }

            _ = reader.GetString();
        }
    }

    private static SafeTensorsEntry ReadEntry(ref Utf8JsonReader reader, string name)
    {
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            throw new WeightFileException(Shown(name), "the header's entry is not an object with dtype, shape and data_offsets");
        }

        string? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            switch (key)
            {
                case "dtype" when dtype is null:
                    if (Next(ref reader) != JsonTokenType.String)
                    {
                        throw new WeightFileException(Shown(name), "dtype is not a string");
                    }

                    dtype = reader.GetString()!;
                    if (SafeTensorsDType.Size(dtype) == 0)
                    {
                        throw new WeightFileException(Shown(name), $"the dtype '{Shown(dtype)}' is not one of safetensors' (F32, I64, F16, ...)");
                    }

                    break;
                case "shape" when shape is null:
                    shape = ReadNumbers(ref reader, name, "shape", MaxRank);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadNumbers(ref reader, name, "data_offsets", 2);
                    if (offsets.Length != 2)
                    {
                        throw new WeightFileException(Shown(name), "data_offsets is not a pair [begin, end]");
                    }

                    break;
                default:
                    throw new WeightFileException(Shown(name), $"the header's entry has '{Shown(key)}' twice or as an unknown field: an entry has dtype, shape and data_offsets, once each");
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            throw new WeightFileException(Shown(name), "the header's entry lacks dtype, shape or data_offsets");
        }

        return new SafeTensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /// <summary>An array of at most <paramref name="maxCount"/> whole numbers in [0, 2^63).</summary>
    private static long[] ReadNumbers(ref Utf8JsonReader reader, string tensor, string field, int maxCount)
    {
        if (Next(ref reader) != JsonTokenType.StartArray)
        {
            throw new WeightFileException(Shown(tensor), $"{field} is not an array of whole numbers");
        }

        var numbers = new List<long>();
        while (Next(ref reader) == JsonTokenType.Number)
        {
            if (numbers.Count >= maxCount)
            {
                throw new WeightFileException(Shown(tensor), $"{field} has more than {maxCount} numbers");
            }

            if (!(reader.TryGetInt64(out long value) && value >= 0))
            {
                throw new WeightFileException(Shown(tensor), $"{field} holds {Shown(Encoding.UTF8.GetString(reader.ValueSpan))}, not a whole number from 0 to 2^63 - 1");
            }

            numbers.Add(value);
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new WeightFileException(Shown(tensor), $"{field} is not an array of whole numbers");
        }

        return numbers.ToArray();
    }

    /// <summary>
    /// Each entry's byte range matches its dtype and shape and lies in the data section; together the ranges cover the
    /// data section exactly, without overlap or gap, so that the file's size is the one the header implies.
    /// </summary>
    private static void CheckOffsets(Dictionary<string, SafeTensorsEntry> entries, long dataLength)
    {
        var ordered = new List<SafeTensorsEntry>(entries.Values);
        foreach (SafeTensorsEntry entry in ordered)
        {
            if (entry.Begin > entry.End)
            {
                throw new WeightFileException(Shown(entry.Name), $"data_offsets [{entry.Begin}, {entry.End}] end before they begin");
            }

            if (entry.End > dataLength)
            {
                throw new WeightFileException(Shown(entry.Name), $"data_offsets [{entry.Begin}, {entry.End}] reach past the data section's {dataLength} bytes");
            }

            long? bytes = ByteCount(entry);
            if (bytes != entry.End - entry.Begin)
            {
                throw new WeightFileException(Shown(entry.Name), $"{entry.Describe()} takes {(bytes is null ? "more than 2^63" : bytes.Value.ToString(CultureInfo.InvariantCulture))} bytes, but data_offsets [{entry.Begin}, {entry.End}] span {entry.End - entry.Begin}");
            }
        }

        ordered.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long position = 0;
        foreach (SafeTensorsEntry entry in ordered)
        {
            if (entry.Begin < position)
            {
                throw new WeightFileException(Shown(entry.Name), $"data_offsets [{entry.Begin}, {entry.End}] overlap the tensor before, which ends at {position}");
            }

            if (entry.Begin != position)
            {
                throw new WeightFileException(Shown(entry.Name), $"data_offsets [{entry.Begin}, {entry.End}] leave bytes {position} to {entry.Begin} of the data section to no tensor");
            }

            position = entry.End;
        }

        if (position != dataLength)
        {
            throw new WeightFileException(null, $"the tensors end at byte {position} of the data section, but the file holds {dataLength} data bytes: it is truncated, padded or not the file the header describes");
        }
    }

    /// <summary>The entry's size in bytes from its dtype and shape; null when it overflows a long.</summary>
    private static long? ByteCount(SafeTensorsEntry entry)
    {
        long count = SafeTensorsDType.Size(entry.DType);
        foreach (long dimension in entry.Shape)
        {
            if (dimension != 0 && count > long.MaxValue / dimension)
            {
                return null;
            }

            count *= dimension;
        }

        return count;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new WeightFileException(null, "the header's JSON ends early");
        }

        return reader.TokenType;
    }

    /// <summary>Text from the file, made safe for a message: control characters escaped, at most 120 characters.</summary>
    internal static string Shown(string text)
    {
        const int MaxLength = 120;
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 8);
        foreach (char c in text)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append('…');
                break;
            }

            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
