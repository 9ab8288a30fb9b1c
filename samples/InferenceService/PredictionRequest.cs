using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>
/// Reads the input of POST /predict in any of its three forms, chosen by Content-Type: an image body (image/*), a form
/// with an image file (multipart/form-data), or JSON pixels (anything else). Returns the network's input, or a sentence
/// for a 400 (or a 503 when every decoding slot is taken).
/// </summary>
internal static class PredictionRequest
{
    public static async Task<PredictionInput> ReadAsync(HttpRequest request, int inputSize, DecodingGate gate)
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
            return PredictionInput.Bad(TooLarge($"{request.ContentLength.Value:N0} bytes"));
        }

        CancellationToken aborted = request.HttpContext.RequestAborted;
        byte[]? body = await ReadBoundedAsync(request.Body, (int?)request.ContentLength, limit, aborted);
        if (body is null)
        {
            return PredictionInput.Bad(TooLarge($"more than {limit:N0} bytes"));
        }

        return isForm ? await ImageUpload.FromFormAsync(body, contentType, gate, aborted)
            : isImage ? await ImageUpload.FromImageAsync(body, gate, aborted)
            : PredictionInput.From(JsonPixels.Parse(body, inputSize));
    }

    /// <summary>The whole body, or null as soon as it passes <paramref name="limit"/> bytes (a chunked body has no length to check first).</summary>
    /// <remarks>
    /// With a Content-Length (already checked against the limit) the body is read into one array of that size: a growing
    /// buffer and its final copy would hold three times the upload at the end.
    /// </remarks>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int? length, int limit, CancellationToken cancellation)
    {
        if (length is { } known)
        {
            // Kestrel holds the client to its Content-Length: a shorter body fails the read with its own 400.
            var exact = new byte[known];
            await body.ReadExactlyAsync(exact, cancellation);
            return exact;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellation)) > 0)
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
