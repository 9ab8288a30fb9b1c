using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>The service with one decoding slot and no wait for it, so that two uploads at once are enough to fill it.</summary>
public sealed class OneDecoderService : RunningService
{
    protected override string[] Options => ["--decoders", "1", "--decoder-wait", "0"];
}

/// <summary>
/// Issue 22, item 15: large uploads under load. Decoding is bounded (a few images at once); an upload that finds every
/// slot taken gets a 503 with Retry-After instead of queueing without bound, and JSON requests, which decode nothing,
/// keep being answered meanwhile.
/// </summary>
public sealed class BusyDecodingTests(OneDecoderService service) : IClassFixture<OneDecoderService>
{
    [Fact]
    public async Task Uploads_beyond_the_decoding_slots_get_a_503_with_retry_after_while_json_requests_are_answered()
    {
        // 2048 × 2048 RGBA at 16 bits of zeros: about 33 KB to send, 33 MB to inflate, so each decode takes a while.
        byte[] slow = PngWriter.Write(2048, 2048, PngWriter.Rgba, new byte[2048 * 2048 * 4 * 2], bitDepth: 16);
        Task<HttpResponseMessage>[] uploads = Enumerable.Range(0, 8).Select(_ => service.Client.PostAsync("/predict", Png(slow))).ToArray();
        using HttpResponseMessage json = await service.Client.PostAsync("/predict",
            new StringContent($"{{\"pixels\": [{string.Join(", ", Enumerable.Repeat("0.5", 784))}]}}", System.Text.Encoding.UTF8, "application/json"));
        HttpResponseMessage[] answers = await Task.WhenAll(uploads);

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        HttpResponseMessage busy = Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).Take(1));
        Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
        string detail = (string)JsonNode.Parse(await busy.Content.ReadAsStringAsync())!["detail"]!;
        Assert.Equal("The service is decoding as many images as it can at once (1); send the image again in a second.", detail);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        foreach (HttpResponseMessage answer in answers)
        {
            answer.Dispose();
        }
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }
}
