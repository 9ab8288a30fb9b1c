using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Neuroslyn.Samples.InferenceService.Imaging;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>The image forms of a prediction request: a PNG body, or a PNG file in a multipart/form-data form.</summary>
internal static class ImageUpload
{
    /// <summary>The largest PNG accepted: a photo-sized PNG, far more than a 28 × 28 input needs.</summary>
    public const int MaxImageBytes = 2 * 1024 * 1024;

    /// <summary>A form may hold a little more than its file: part headers, boundaries, other small fields.</summary>
    public const int MaxFormBytes = MaxImageBytes + (64 * 1024);

    public const string Hint = "Send a PNG as the body with Content-Type: image/png, or as a file field of a multipart/form-data form.";

    public static (float[]? Pixels, string? Problem) FromPng(byte[] png)
    {
        if (png.Length > MaxImageBytes)
        {
            return (null, TooLarge($"{png.Length:N0} bytes"));
        }

        try
        {
            return (FashionMnistImage.ToInput(PngDecoder.Decode(png)), null);
        }
        catch (PngException error)
        {
            return (null, $"{error.Message} {Hint}");
        }
    }

    /// <summary>Takes the first file of the form (any field name), or else a field named "image".</summary>
    public static async Task<(float[]? Pixels, string? Problem)> FromFormAsync(byte[] body, string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (null, $"The multipart/form-data request has no boundary in its Content-Type. {Hint}");
        }

        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body));
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                ContentDispositionHeaderValue? disposition = section.GetContentDispositionHeader();
                if (disposition is not null && (disposition.IsFileDisposition() || disposition.Name.Value == "image"))
                {
                    using var file = new MemoryStream();
                    await section.Body.CopyToAsync(file);
                    return FromPng(file.ToArray());
                }
            }
        }
        catch (Exception error) when (error is IOException or InvalidDataException)
        {
            return (null, $"The multipart/form-data body cannot be read ({error.Message}). {Hint}");
        }

        return (null, $"The form holds no file. {Hint}");
    }

    public static string TooLarge(string size)
        => $"The upload is {size}; images of at most {MaxImageBytes:N0} bytes (2 MiB) are accepted. {Hint}";
}
