using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Numerics.Tensors;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Neuroslyn.Generator.Tests;
using Neuroslyn.Samples.FashionMnist;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.InferenceService.Tests;

/// <summary>The service, started once on a free loopback port with weights saved by the test.</summary>
public class RunningService : IAsyncLifetime
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    private readonly string _folder = Directory.CreateTempSubdirectory("neuroslyn-service-").FullName;
    private Process? _process;
    private readonly StringBuilder _output = new();

    /// <summary>The network whose weights the service serves.</summary>
    public FashionNet Network { get; } = new(seed: 123);

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Options added to the service's command line, for a fixture that runs it differently.</summary>
    protected virtual string[] Options => [];

    public async Task InitializeAsync()
    {
        string weights = Path.Combine(_folder, "fashionnet.safetensors");
        WeightFile.Save(Network, weights);
        int port = FreePort();
        _process = Start(weights, port, _output, Options);
        Client.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException("The service did not start listening:\n" + Output);
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        Client.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs the built service with <paramref name="weights"/> on 127.0.0.1:<paramref name="port"/>.</summary>
    public static Process Start(string weights, int port, StringBuilder output, params string[] options)
    {
        string folder = RepositoryPaths.Combine("samples", "InferenceService");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
                 {
                     Path.Combine(folder, "bin", Configuration, "net10.0", "InferenceService.dll"),
                     "--weights", weights, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", folder,
                 }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}

/// <summary>POST /predict over real HTTP on loopback: answers, and a clear 400 for each kind of bad input.</summary>
public sealed class InferenceServiceTests(RunningService service) : IClassFixture<RunningService>
{
    [Fact]
    public async Task Predict_returns_the_networks_class_probabilities()
    {
        var random = new Random(7);
        float[] pixels = Enumerable.Range(0, 784).Select(_ => (float)random.NextDouble()).ToArray();

        using HttpResponseMessage response = await Post(JsonSerializer.Serialize(new { pixels }));

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body + "\n" + service.Output);
        JsonNode answer = JsonNode.Parse(body)!;
        float[] expected = new float[10];
        service.Network.Predict(pixels, expected);
        TensorPrimitives.SoftMax(expected, expected);
        float[] probabilities = answer["probabilities"]!.AsArray().Select(p => (float)p!["probability"]!).ToArray();
        Assert.Equal(FashionNet.ClassNames, answer["probabilities"]!.AsArray().Select(p => (string)p!["class"]!));
        Assert.Equal(expected, probabilities);
        int best = TensorPrimitives.IndexOfMax(expected);
        Assert.Equal(best, (int)answer["classIndex"]!);
        Assert.Equal(FashionNet.ClassNames[best], (string)answer["predicted"]!);
    }

    [Theory]
    [InlineData("{\"pixels\": [0.5, 0.25]}", "\"pixels\" holds 2 numbers; the network takes exactly 784.")]
    [InlineData("{\"pixels\": [\"NaN\"]}", "pixels[0] is NaN; every pixel must be a finite number.")]
    [InlineData("{\"pixels\": [255]}", "pixels[0] is 255; pixels are scaled to 0..1")]
    [InlineData("{\"image\": []}", "The body has no \"pixels\" array.")]
    [InlineData("pixels=1,2,3", "The body is not valid JSON ('p' is an invalid start of a value")]
    [InlineData("[0.5, 0.25]", "The body is a JSON array; the pixels go in an object:")]
    [InlineData("\"pixels\"", "The body is a JSON string; the pixels go in an object:")]
    [InlineData("{\"pixels\": {\"0\": 0.5}}", "\"pixels\" is a JSON object; it must be an array of numbers.")]
    [InlineData("{\"pixels\": [0.5, \"dark\"]}", "pixels[1] is a JSON string; every pixel must be a number.")]
    [InlineData("{\"pixels\": [0.5, [1]]}", "pixels[1] is a JSON array; every pixel must be a number.")]
    public async Task Bad_input_gets_a_400_that_says_what_is_wrong(string body, string problem)
    {
        if (problem.StartsWith("pixels[0] is", StringComparison.Ordinal))
        {
            // The right length, so that the value is what is wrong.
            body = body.Replace("]}", string.Concat(Enumerable.Repeat(", 0", 783)) + "]}", StringComparison.Ordinal);
        }

        using HttpResponseMessage response = await Post(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string detail = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!;
        Assert.StartsWith(problem, detail, StringComparison.Ordinal);
        Assert.Contains("{\"pixels\": [784 numbers from 0 to 1]}", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Neuroslyn.", detail, StringComparison.Ordinal); // no internal type names
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_64_KiB_gets_a_400_without_being_read()
    {
        string body = "{\"pixels\": [" + string.Join(", ", Enumerable.Repeat("0.123456789", 784 * 10)) + "]}";

        using HttpResponseMessage response = await Post(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string detail = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!;
        Assert.StartsWith($"The body is {Encoding.UTF8.GetByteCount(body):N0} bytes; at most 65,536 are accepted.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_weights_file_stops_the_service_at_start_with_the_path_and_what_to_do()
    {
        var output = new StringBuilder();
        string missing = Path.Combine(Path.GetTempPath(), $"neuroslyn-missing-{Guid.NewGuid():N}.safetensors");
        using Process process = RunningService.Start(missing, RunningService.FreePort(), output);

        Assert.True(process.WaitForExit(60_000), "The service kept running without its weights.");
        process.WaitForExit(); // flushes the redirected output
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains($"The weights file for FashionNet does not exist: {missing}. Train the network", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_decoders_option_that_is_not_a_whole_number_stops_the_service_at_start_saying_what_it_takes()
    {
        var output = new StringBuilder();
        string weights = Path.Combine(Path.GetTempPath(), $"neuroslyn-unused-{Guid.NewGuid():N}.safetensors");
        using Process process = RunningService.Start(weights, RunningService.FreePort(), output, "--decoders", "two");

        Assert.True(process.WaitForExit(60_000), "The service kept running with --decoders two.");
        process.WaitForExit(); // flushes the redirected output
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("--decoders is \"two\"; it takes a whole number of at least 1", output.ToString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Post(string json)
        => service.Client.PostAsync("/predict", new StringContent(json, Encoding.UTF8, "application/json"));
}
