using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Neuroslyn.Samples.InferenceService.Imaging;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>The image forms of a prediction request: an image as the body, or an image file in a multipart/form-data form.</summary>
internal static class ImageUpload
{
    /// <summary>The largest image accepted: a photo-sized file, far more than a 28 × 28 input needs.</summary>
    public const int MaxImageBytes = 2 * 1024 * 1024;

    /// <summary>A form may hold a little more than its file: part headers, boundaries, other small fields.</summary>
    public const int MaxFormBytes = MaxImageBytes + (64 * 1024);

    /// <summary>RFC 2046 (5.1.1): a boundary is 1 to 70 characters. Checked first, so that a longer one is never parsed or logged.</summary>
    public const int MaxBoundaryLength = 70;

    public const string Hint = "Send an image (PNG, JPEG, WebP, GIF or BMP) as the body with its Content-Type (image/png, image/jpeg, ...), or as a file field of a multipart/form-data form.";

    public static async Task<PredictionInput> FromImageAsync(ArraySegment<byte> image, DecodingGate gate, CancellationToken cancellation)
    {
        if (image.Count > MaxImageBytes)
        {
            return PredictionInput.Bad(TooLarge($"{image.Count:N0} bytes"));
        }

        (bool ran, PredictionInput input) = await gate.TryRunAsync(() => Decode(image), cancellation);
        return ran ? input : PredictionInput.Busy($"The service is decoding as many images as it can at once ({gate.Slots}); send the image again in a second.");
    }

    /// <summary>Takes the first file of the form (any field name), or else a field named "image".</summary>
    public static async Task<PredictionInput> FromFormAsync(ArraySegment<byte> body, string contentType, DecodingGate gate, CancellationToken cancellation)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return PredictionInput.Bad($"The multipart/form-data request has no boundary in its Content-Type. {Hint}");
        }

        if (boundary.Length > MaxBoundaryLength)
        {
            // MultipartReader would throw (with the whole boundary in its message) from about 4 KB on; refuse it here.
            return PredictionInput.Bad($"The multipart/form-data boundary is {boundary.Length:N0} characters long; RFC 2046 allows 1 to {MaxBoundaryLength}. "
                + $"Let the client choose it (a browser's FormData, curl -F, HttpClient's MultipartFormDataContent do). {Hint}");
        }

        // The body is already in memory, so "the content may have been read by another component" (MultipartReader's
        // words for a stream that ends before any boundary) can only mean that the header and the body disagree.
        if (body.AsSpan().IndexOf(Encoding.UTF8.GetBytes("--" + boundary)) < 0)
        {
            return PredictionInput.Bad($"The form's body never contains the boundary \"{boundary}\" that its Content-Type names: "
                + $"the header and the body disagree. Send the boundary that separates the parts. {Hint}");
        }

        byte[]? file;
        try
        {
            file = await FirstFileAsync(new MultipartReader(boundary, new MemoryStream(body.Array!, body.Offset, body.Count, writable: false)), cancellation);
        }
        catch (InvalidDataException error)
        {
            return PredictionInput.Bad($"The multipart/form-data body cannot be read ({error.Message}). {Hint}");
        }
        catch (IOException)
        {
            return PredictionInput.Bad($"The form ends before its closing boundary \"--{boundary}--\": the body is truncated. {Hint}");
        }

        // Decoded outside the try above: an image's own problems have their own messages, not the form's.
        return file is null ? PredictionInput.Bad($"The form holds no file. {Hint}") : await FromImageAsync(file, gate, cancellation);
    }

    public static string TooLarge(string size)
        => $"The upload is {size}; images of at most {MaxImageBytes:N0} bytes (2 MiB) are accepted. {Hint}";

    private static async Task<byte[]?> FirstFileAsync(MultipartReader reader, CancellationToken cancellation)
    {
        while (await reader.ReadNextSectionAsync(cancellation) is { } section)
        {
            ContentDispositionHeaderValue? disposition = section.GetContentDispositionHeader();
            if (disposition is not null && (disposition.IsFileDisposition() || disposition.Name.Value == "image"))
            {
                using var file = new MemoryStream();
                await section.Body.CopyToAsync(file, cancellation);
                return file.ToArray();
            }
        }

        return null;
    }

    private static PredictionInput Decode(ArraySegment<byte> image)
    {
        try
        {
            return PredictionInput.Read(ImageDecoder.Decode(image, FashionMnistImage.ToInput));
        }
        catch (ImageException error)
        {
            return PredictionInput.Bad($"{error.Message} {Hint}");
        }
    }
}
