using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>
/// Uploads broken in ways that once escaped as a 500 or got a misleading 400 (issue 22, items 13 and 14): each must be a
/// 400 that names the problem, and no log line may carry a huge string the client chose.
/// </summary>
public sealed class MalformedUploadTests(RunningService service) : IClassFixture<RunningService>
{
    [Fact]
    public async Task A_png_whose_zlib_stream_asks_for_a_preset_dictionary_gets_a_400_as_body_and_as_form_file()
    {
        byte[] png = TestPngs.WithPresetDictionary();

        string fromBody = await BadRequest(Image(png));
        string fromForm = await BadRequest(Form(png, Encoding.ASCII.GetBytes("b0undary"), "b0undary"));

        Assert.StartsWith("The PNG image's data is corrupt", fromBody, StringComparison.Ordinal);
        Assert.Equal(fromBody, fromForm);
    }

    [Theory]
    [InlineData(71)]
    [InlineData(4_088)]
    [InlineData(4_089)]
    [InlineData(20_000)]
    public async Task A_boundary_over_70_characters_gets_a_400_and_is_not_logged(int length)
    {
        string boundary = new('b', length);
        string detail = await BadRequest(Form(TestPngs.Grey28(), Encoding.ASCII.GetBytes(boundary), boundary));

        Assert.StartsWith($"The multipart/form-data boundary is {length:N0} characters long; RFC 2046 allows 1 to 70.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('b', 200), service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_boundary_of_70_characters_is_read()
    {
        string boundary = new('b', 70);
        using HttpResponseMessage response = await service.Client.PostAsync("/predict", Form(TestPngs.Grey28(), Encoding.ASCII.GetBytes(boundary), boundary));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_whose_body_lacks_the_header_boundary_says_they_disagree()
    {
        string detail = await BadRequest(Form(TestPngs.Grey28(), "written-with-this"u8.ToArray(), "header-says-this"));

        Assert.StartsWith("The form's body never contains the boundary \"header-says-this\" that its Content-Type names", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("another component", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_cut_before_its_closing_boundary_says_it_is_truncated()
    {
        byte[] body = Encoding.ASCII.GetBytes("--cut\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello");
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=cut");

        string detail = await BadRequest(content);

        Assert.StartsWith("The form ends before its closing boundary \"--cut--\": the body is truncated.", detail, StringComparison.Ordinal);
    }

    /// <summary>A form of one file part, written by hand so that the boundary in the body and the header can differ.</summary>
    private static ByteArrayContent Form(byte[] png, byte[] bodyBoundary, string headerBoundary)
    {
        byte[] head = Encoding.ASCII.GetBytes("\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\nContent-Type: image/png\r\n\r\n");
        byte[] body = [.. "--"u8, .. bodyBoundary, .. head, .. png, .. "\r\n--"u8, .. bodyBoundary, .. "--\r\n"u8];
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={headerBoundary}");
        return content;
    }

    private static ByteArrayContent Image(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private async Task<string> BadRequest(HttpContent content)
    {
        using HttpResponseMessage response = await service.Client.PostAsync("/predict", content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        return (string)JsonNode.Parse(body)!["detail"]!;
    }
}
