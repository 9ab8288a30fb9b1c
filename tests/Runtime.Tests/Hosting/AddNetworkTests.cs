using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Neuroslyn.Hosting;
using Neuroslyn.Runtime.Tests.Weights;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Hosting;

/// <summary>
/// <c>services.AddNetwork&lt;TNet&gt;(weightsPath)</c> in a real generic host: the weights are loaded and checked at
/// start-up, a bad file stops the start with a clear message, the singleton is safe from many threads, and calls are
/// counted, timed and logged.
/// </summary>
public sealed class AddNetworkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroslyn-hosting-").FullName;
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_singleton_predicts_what_the_saved_network_predicts()
    {
        var trained = new HostedNet(seed: 17);
        string path = Save(trained, "hosted.safetensors");
        using IHost host = Host(services => services.AddNetwork<HostedNet>(path));
        await host.StartAsync();

        var predictor = host.Services.GetRequiredService<NetworkPredictor<HostedNet>>();
        Assert.Same(predictor, host.Services.GetRequiredService<NetworkPredictor<HostedNet>>());
        Assert.Equal(Path.GetFullPath(path), predictor.WeightsPath);
        Assert.Equal((6, 3), (predictor.InputSize, predictor.OutputSize));

        float[] input = [0.5f, -1f, 2f, 0f, 0.25f, -0.75f];
        float[] expected = new float[3], actual = new float[3];
        trained.Predict(input, expected);
        predictor.Predict(input, actual);
        Assert.Equal(expected, actual);
        Assert.NotEqual(Predict(new HostedNet(seed: 0), input), actual); // the weights came from the file
    }

    [Fact]
    public async Task Many_threads_share_the_singleton_and_each_gets_its_own_samples_answer()
    {
        string path = Save(new HostedNet(seed: 5), "hosted.safetensors");
        using IHost host = Host(services => services.AddNetwork<HostedNet>(path));
        await host.StartAsync();
        var predictor = host.Services.GetRequiredService<NetworkPredictor<HostedNet>>();

        var random = new Random(1);
        float[][] inputs = Enumerable.Range(0, 512).Select(_ => Enumerable.Range(0, 6).Select(_ => (float)random.NextDouble() * 4 - 2).ToArray()).ToArray();
        float[][] expected = inputs.Select(input => { float[] output = new float[3]; predictor.Predict(input, output); return output; }).ToArray();

        var wrong = new ConcurrentBag<int>();
        Parallel.For(0, 20 * inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            Span<float> output = stackalloc float[3];
            predictor.Predict(inputs[i % inputs.Length], output);
            if (!output.SequenceEqual(expected[i % inputs.Length]))
            {
                wrong.Add(i);
            }
        });

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_missing_weights_file_stops_the_start_with_its_path_and_what_to_do()
    {
        string path = Path.Combine(_folder, "never-saved.safetensors");
        using IHost host = Host(services => services.AddNetwork<HostedNet>(path));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal($"The weights file for HostedNet does not exist: {path}. Train the network and save it with WeightFile.Save(network, path), or set the path of an existing .safetensors file.", Assert.Single(error.Failures));
        Assert.Contains(_logs.Entries, entry => entry.Level == LogLevel.Error && entry.EventId.Name == "NetworkRejected" && entry.Message.StartsWith("HostedNet cannot start: The weights file for HostedNet does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_folder_given_as_the_weights_file_stops_the_start_saying_it_is_a_folder()
    {
        using IHost host = Host(services => services.AddNetwork<HostedNet>(_folder));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            $"The weights file for HostedNet cannot be read: {_folder}: is a folder, not a weight file: pass the path of the .safetensors file in it",
            Assert.Single(error.Failures));
    }

    [Fact]
    public async Task Another_networks_weights_stop_the_start_naming_the_tensor_that_does_not_fit()
    {
        string path = Save(new NarrowerHostedNet(), "narrower.safetensors");
        using IHost host = Host(services => services.AddNetwork<HostedNet>(path));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            $"The weights file {path} does not fit HostedNet (6 inputs, 3 outputs, 53 parameters): 0.weight: expected F32 [5, 6], the file has F32 [4, 6]. Was it saved from another network, or from an older version of this one?",
            Assert.Single(error.Failures));
    }

    [Fact]
    public async Task A_file_that_is_not_a_weight_file_and_an_empty_path_are_refused_too()
    {
        string garbage = Path.Combine(_folder, "notes.safetensors");
        await File.WriteAllTextAsync(garbage, "not a weight file");
        using IHost garbageHost = Host(services => services.AddNetwork<HostedNet>(garbage));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => garbageHost.StartAsync());
        Assert.StartsWith($"The weights file {garbage} does not fit HostedNet", Assert.Single(error.Failures), StringComparison.Ordinal);

        using IHost emptyHost = Host(services => services.AddNetwork<HostedNet>(""));
        error = await Assert.ThrowsAsync<OptionsValidationException>(() => emptyHost.StartAsync());
        Assert.StartsWith("No weights file is set for HostedNet: AddNetwork<HostedNet>(weightsPath) needs", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_training_checkpoint_loads_and_extra_tensors_load_when_the_options_allow_them()
    {
        string checkpoint = Save(new HostedNet(seed: 8), "checkpoint.safetensors", new WeightFileOptions { IncludeOptimizerState = true });
        using IHost fromCheckpoint = Host(services => services.AddNetwork<HostedNet>(checkpoint));
        await fromCheckpoint.StartAsync(); // the optimizer's state is skipped, as by a plain WeightFile.Load

        // A file with one tensor the network does not have, like a PyTorch model with an extra buffer.
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(WeightFile.ToBytes(new HostedNet(seed: 8)));
        header["extra.scale"] = new JsonObject { ["dtype"] = "F32", ["shape"] = new JsonArray(1), ["data_offsets"] = new JsonArray(data.Length, data.Length + 4) };
        string extra = Path.Combine(_folder, "extra.safetensors");
        await File.WriteAllBytesAsync(extra, SafeTensorsBytes.Join(header, [.. data, 0, 0, 128, 63]));

        using IHost strict = Host(services => services.AddNetwork<HostedNet>(extra));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => strict.StartAsync());
        Assert.Contains("extra.scale", Assert.Single(error.Failures), StringComparison.Ordinal);

        using IHost lenient = Host(services => services.AddNetwork<HostedNet>(options =>
        {
            options.WeightsPath = extra;
            options.IgnoreUnexpectedTensors = true;
        }));
        await lenient.StartAsync();
        Assert.NotNull(lenient.Services.GetRequiredService<NetworkPredictor<HostedNet>>());
    }

    [Fact]
    public async Task Each_call_is_counted_and_timed_on_the_Neuroslyn_meter_and_the_load_is_logged()
    {
        string path = Save(new HostedNet(seed: 2), "hosted.safetensors");
        using IHost host = Host(services => services.AddNetwork<HostedNet>(path));
        await host.StartAsync();
        var predictor = host.Services.GetRequiredService<NetworkPredictor<HostedNet>>();

        var counts = new ConcurrentBag<long>();
        var durations = new ConcurrentBag<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == NeuroslynMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == NeuroslynMetrics.InferenceCount && IsHostedNet(tags))
            {
                counts.Add(value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == NeuroslynMetrics.InferenceDuration && IsHostedNet(tags))
            {
                Assert.Equal("s", instrument.Unit);
                durations.Add(value);
            }
        });
        listener.Start();

        float[] output = new float[3];
        predictor.Predict(new float[6], output);
        predictor.Predict(new float[6], output);
        predictor.PredictBatch(new float[4 * 6], new float[4 * 3]);

        Assert.Equal(6, counts.Sum());
        Assert.Equal(3, durations.Count);
        Assert.All(durations, seconds => Assert.InRange(seconds, 0, 10));

        LogEntry loaded = Assert.Single(_logs.Entries, entry => entry.EventId.Name == "NetworkLoaded");
        Assert.Equal(LogLevel.Information, loaded.Level);
        Assert.Equal("Neuroslyn.Hosting", loaded.Category);
        Assert.Matches($@"^Loaded HostedNet \(53 parameters\) from {System.Text.RegularExpressions.Regex.Escape(Path.GetFullPath(path))} in \d+(\.\d)? ms$", loaded.Message);
    }

    private static bool IsHostedNet(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == NeuroslynMetrics.NetworkTag && (string?)tag.Value == nameof(HostedNet))
            {
                return true;
            }
        }

        return false;
    }

    private IHost Host(Action<IServiceCollection> configure)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(_logs);
        configure(builder.Services);
        return builder.Build();
    }

    private string Save<TNet>(TNet network, string name, WeightFileOptions? options = null)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        string path = Path.Combine(_folder, name);
        WeightFile.Save(network, path, options);
        return path;
    }

    private static float[] Predict(HostedNet network, float[] input)
    {
        float[] output = new float[3];
        network.Predict(input, output);
        return output;
    }

    private sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

    /// <summary>Keeps every log entry written through the host's logging.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyCollection<LogEntry> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
        }
    }
}
