using System;
using System.Text.Json;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>Reads and checks the JSON form of a prediction request; every way it can be wrong gets a sentence.</summary>
internal static class JsonPixels
{
    /// <summary>Large enough for 784 pixels written with many digits and spaces; anything bigger is refused unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static string Shape(int inputSize)
        => $"Send JSON {{\"pixels\": [{inputSize} numbers from 0 to 1]}}: a 28 × 28 grey-scale image, row by row, 0 = black; or a PNG image.";

    public static (float[]? Pixels, string? Problem) Parse(ReadOnlyMemory<byte> body, int inputSize)
    {
        string shape = Shape(inputSize);
        PixelsBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body.Span, PredictionJson.Default.PixelsBody);
        }
        catch (JsonException error)
        {
            return (null, $"{JsonShapeProblem.Describe(body, error)} {shape}");
        }

        float[]? pixels = parsed?.Pixels;
        if (pixels is null)
        {
            return (null, $"The body has no \"pixels\" array. {shape}");
        }

        if (pixels.Length != inputSize)
        {
            return (null, $"\"pixels\" holds {pixels.Length} numbers; the network takes exactly {inputSize}. {shape}");
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            if (!float.IsFinite(pixels[i]))
            {
                return (null, $"pixels[{i}] is {pixels[i]}; every pixel must be a finite number. {shape}");
            }

            if (pixels[i] is < 0 or > 1)
            {
                return (null, $"pixels[{i}] is {pixels[i]}; pixels are scaled to 0..1 as in training (divide a byte by 255). {shape}");
            }
        }

        return (pixels, null);
    }
}
