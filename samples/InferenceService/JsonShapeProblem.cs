using System;
using System.Globalization;
using System.Text.Json;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>
/// Says in the request's own terms what is wrong with a JSON body that the serializer refused: the serializer's
/// messages name .NET types (<c>PixelsBody</c>, <c>System.Single</c>), which mean nothing to a client.
/// </summary>
internal static class JsonShapeProblem
{
    public static string Describe(ReadOnlyMemory<byte> body, JsonException error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException syntax)
        {
            // The reader's message names the character and its place, and no type.
            return $"The body is not valid JSON ({syntax.Message}).";
        }

        using (document)
        {
            // Well-formed JSON of the wrong shape: the serializer's path says where, the document says what is there.
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"The body is a JSON {Kind(root)}; the pixels go in an object:";
            }

            JsonElement? pixels = Property(root, "pixels");
            if (pixels is not { ValueKind: JsonValueKind.Array } array)
            {
                return pixels is { } other
                    ? $"\"pixels\" is a JSON {Kind(other)}; it must be an array of numbers."
                    : $"The body does not have the expected form (at {error.Path}).";
            }

            int index = 0;
            foreach (JsonElement pixel in array.EnumerateArray())
            {
                if (pixel.ValueKind != JsonValueKind.Number && !IsNamedNumber(pixel))
                {
                    return $"pixels[{index.ToString(CultureInfo.InvariantCulture)}] is a JSON {Kind(pixel)}; every pixel must be a number.";
                }

                index++;
            }

            return $"The body does not have the expected form (at {error.Path}).";
        }
    }

    /// <summary>The serializer matches property names without regard to case (JSON web defaults); so does this.</summary>
    private static JsonElement? Property(JsonElement root, string name)
    {
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>"NaN" and "Infinity" are read as numbers (so that the finite check can name them), other strings are not.</summary>
    private static bool IsNamedNumber(JsonElement pixel)
        => pixel.ValueKind == JsonValueKind.String && pixel.GetString() is "NaN" or "Infinity" or "-Infinity";

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
