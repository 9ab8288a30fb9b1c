using System;
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
        if (await RequestBody.ReadAsync(request.Body, request.ContentLength, limit, aborted) is not { } read)
        {
            return PredictionInput.Bad(TooLarge($"more than {limit:N0} bytes"));
        }

        using RequestBody body = read;
        return isForm ? await ImageUpload.FromFormAsync(body.Bytes, contentType, gate, aborted)
            : isImage ? await ImageUpload.FromImageAsync(body.Bytes, gate, aborted)
            : PredictionInput.From(JsonPixels.Parse(body.Bytes, inputSize));
    }
}
