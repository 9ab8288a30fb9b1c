using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>The body of POST /predict.</summary>
internal sealed record PixelsBody(float[]? Pixels);

/// <summary>One class and its probability.</summary>
internal sealed record ClassProbability(string Class, float Probability);

/// <summary>The answer of POST /predict.</summary>
internal sealed record Prediction(string Predicted, int ClassIndex, ClassProbability[] Probabilities);

/// <summary>JSON for the endpoint, generated at compile time (no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(PixelsBody))]
[JsonSerializable(typeof(Prediction))]
internal sealed partial class PredictionJson : JsonSerializerContext;

/// <summary>Reads and checks the pixels of a prediction request; every way it can be wrong gets a sentence.</summary>
internal static class PredictionRequest
{
    /// <summary>Large enough for 784 pixels written with many digits and spaces; anything bigger is refused unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<(float[]? Pixels, string? Problem)> ReadAsync(HttpRequest request, int inputSize)
    {
        string shape = $"Send JSON {{\"pixels\": [{inputSize} numbers from 0 to 1]}}: a 28 × 28 grey-scale image, row by row, 0 = black.";
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, $"The body is {request.ContentLength:N0} bytes; at most {MaxBodyBytes:N0} are accepted. {shape}");
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            byte[] chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes)
                {
                    return (null, $"The body is more than {MaxBodyBytes:N0} bytes, the most accepted. {shape}");
                }
            }

            body = buffer.ToArray();
        }

        PixelsBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, PredictionJson.Default.PixelsBody);
        }
        catch (JsonException error)
        {
            return (null, $"The body is not valid JSON of the expected form ({error.Message}). {shape}");
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
