using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>
/// Reads the input of POST /predict in any of its three forms, chosen by Content-Type: a PNG body (image/*), a form with
/// a PNG file (multipart/form-data), or JSON pixels (anything else). Returns the network's input or a sentence for a 400.
/// </summary>
internal static class PredictionRequest
{
    public static async Task<(float[]? Pixels, string? Problem)> ReadAsync(HttpRequest request, int inputSize)
    {
        string contentType = request.ContentType ?? "";
        bool isForm = contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        bool isImage = contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
        int limit = isForm ? ImageUpload.MaxFormBytes : isImage ? ImageUpload.MaxImageBytes : JsonPixels.MaxBodyBytes;
        string TooLarge(string size) => isForm || isImage
            ? ImageUpload.TooLarge(size)
            : $"The body is {size}; at most {JsonPixels.MaxBodyBytes:N0} are accepted. {JsonPixels.Shape(inputSize)}";

        if (request.ContentLength > limit)
        {
            return (null, TooLarge($"{request.ContentLength.Value:N0} bytes"));
        }

        byte[]? body = await ReadBoundedAsync(request.Body, limit);
        if (body is null)
        {
            return (null, TooLarge($"more than {limit:N0} bytes"));
        }

        return isForm ? await ImageUpload.FromFormAsync(body, contentType)
            : isImage ? ImageUpload.FromPng(body)
            : JsonPixels.Parse(body, inputSize);
    }

    /// <summary>The whole body, or null as soon as it passes <paramref name="limit"/> bytes (a chunked body has no length to check first).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
