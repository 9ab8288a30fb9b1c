using System;

namespace Neuroslyn.Weights;

/// <summary>The element types of the safetensors format: their names in the header and their sizes in bytes.</summary>
internal static class SafeTensorsDType
{
    public const string F32 = "F32";
    public const string I64 = "I64";

    /// <summary>Bytes per element of a dtype the format defines; 0 for a name it does not.</summary>
    public static int Size(string dtype) => dtype switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" => 1,
        "I16" or "U16" or "F16" or "BF16" => 2,
        "I32" or "U32" or "F32" => 4,
        "I64" or "U64" or "F64" => 8,
        _ => 0,
    };

    /// <summary>A shape as the messages write it: <c>[128, 784]</c>, <c>[]</c> for a scalar.</summary>
    public static string Shape(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
