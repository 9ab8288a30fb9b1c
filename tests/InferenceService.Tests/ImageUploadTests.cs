using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SkiaSharp;
using Xunit;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>POST /predict with an image, over real HTTP: the same answer as the JSON form on the same pixels, and clear 400s.</summary>
public sealed class ImageUploadTests(RunningService service) : IClassFixture<RunningService>
{
    private const string Hint = "Send an image (PNG, JPEG, WebP, GIF or BMP) as the body with its Content-Type (image/png, image/jpeg, ...), or as a file field of a multipart/form-data form.";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    public async Task A_png_of_a_test_image_gets_the_same_answer_as_its_pixels_in_JSON(int index)
    {
        byte[] image = TestImages.Image(index);
        float[] pixels = TestImages.Scaled(image);

        JsonNode fromJson = await Ok(await service.Client.PostAsJsonAsync("/predict", new { pixels }));
        JsonNode fromBody = await Ok(await service.Client.PostAsync("/predict", Png(PngWriter.Grey28(image))));
        JsonNode fromForm = await Ok(await service.Client.PostAsync("/predict", Form(PngWriter.Grey28(image), "shirt.png")));

        Assert.Equal(fromJson.ToJsonString(), fromBody.ToJsonString());
        Assert.Equal(fromJson.ToJsonString(), fromForm.ToJsonString());
        float[] expected = new float[10];
        service.Network.Predict(pixels, expected);
        Assert.Equal(TensorPrimitives.IndexOfMax(expected), (int)fromBody["classIndex"]!);
    }

    [Fact]
    public async Task A_large_dark_on_light_colour_png_is_inverted_and_scaled_to_the_same_answer()
    {
        byte[] image = TestImages.Image(5);
        byte[] rgb = new byte[280 * 280 * 3];
        for (int i = 0; i < 280 * 280; i++)
        {
            byte ink = (byte)(255 - image[((i / 280 / 10) * 28) + (i % 280 / 10)]);
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = ink;
        }

        JsonNode fromJson = await Ok(await service.Client.PostAsJsonAsync("/predict", new { pixels = TestImages.Scaled(image) }));
        JsonNode fromPng = await Ok(await service.Client.PostAsync("/predict", Png(PngWriter.Write(280, 280, PngWriter.Rgb, rgb, filterOf: y => y % 5))));

        Assert.Equal(fromJson.ToJsonString(), fromPng.ToJsonString());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_gets_a_400_saying_so()
    {
        string detail = await BadRequest(Form("name,size\nshirt,M\n"u8.ToArray(), "sizes.csv"));
        Assert.Equal($"The upload is not an image in a format the service reads (PNG, JPEG, WebP, GIF or BMP): its first bytes match none of them. {Hint}", detail);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public async Task A_jpeg_or_webp_photo_gets_the_same_class_as_the_png(string format)
    {
        // A photo-sized colour file of test image 7, 10 × larger: what a user's upload usually is.
        byte[] image = TestImages.Image(7);
        using var bitmap = new SKBitmap(new SKImageInfo(280, 280, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < 280; y++)
        {
            for (int x = 0; x < 280; x++)
            {
                byte v = image[((y / 10) * 28) + (x / 10)];
                bitmap.SetPixel(x, y, new SKColor(v, v, v));
            }
        }

        using SKData encoded = bitmap.Encode(format == "jpeg" ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Webp, 90);
        var upload = new ByteArrayContent(encoded.ToArray());
        upload.Headers.ContentType = new MediaTypeHeaderValue($"image/{format}");

        JsonNode fromPng = await Ok(await service.Client.PostAsync("/predict", Png(PngWriter.Grey28(image))));
        JsonNode fromPhoto = await Ok(await service.Client.PostAsync("/predict", upload));

        Assert.Equal((int)fromPng["classIndex"]!, (int)fromPhoto["classIndex"]!);
    }

    [Fact]
    public async Task A_corrupt_png_gets_a_400_saying_its_data_is_corrupt()
    {
        byte[] png = PngWriter.Grey28(TestImages.Image(4));
        png[50] ^= 1;
        string detail = await BadRequest(Form(png, "broken.png"));
        Assert.Equal($"The PNG image's data is corrupt: the decoder stopped on an error in it. {Hint}", detail);
    }

    [Fact]
    public async Task A_png_over_2_MiB_gets_a_400_with_the_limit_whether_or_not_its_length_is_sent()
    {
        byte[] big = new byte[(2 * 1024 * 1024) + 1];
        Assert.Equal($"The upload is 2,097,153 bytes; images of at most 2,097,152 bytes (2 MiB) are accepted. {Hint}", await BadRequest(Png(big)));

        // Chunked: no Content-Length to check first, so the body is read and refused once it passes the limit.
        var chunked = new StreamContent(new UnknownLengthStream(big));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal($"The upload is more than 2,097,152 bytes; images of at most 2,097,152 bytes (2 MiB) are accepted. {Hint}", await BadRequest(chunked));
    }

    [Fact]
    public async Task A_png_of_too_many_pixels_gets_a_400_before_it_is_decoded()
    {
        byte[] png = PngWriter.Write(3000, 2, PngWriter.Grey, new byte[6000]);
        Assert.Equal($"The image is 3,000 × 2 pixels; at most 2048 × 2048 are accepted (it is scaled down to 28 × 28 anyway). {Hint}", await BadRequest(Png(png)));
    }

    [Fact]
    public async Task A_form_without_a_file_gets_a_400()
    {
        var form = new MultipartFormDataContent { { new StringContent("hello"), "comment" } };
        Assert.Equal($"The form holds no file. {Hint}", await BadRequest(form));
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static MultipartFormDataContent Form(byte[] file, string name)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "text/csv");
        return new MultipartFormDataContent { { part, "image", name } };
    }

    private async Task<JsonNode> Ok(HttpResponseMessage response)
    {
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body + "\n" + service.Output);
            return JsonNode.Parse(body)!;
        }
    }

    private async Task<string> BadRequest(HttpContent content)
    {
        using HttpResponseMessage response = await service.Client.PostAsync("/predict", content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        return (string)JsonNode.Parse(body)!["detail"]!;
    }

    /// <summary>A stream that does not tell its length, so that HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
