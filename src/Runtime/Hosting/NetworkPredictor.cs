using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging;
using Neuroslyn.Weights;

namespace Neuroslyn.Hosting;

/// <summary>
/// A trained network loaded from its weight file, for inference from any number of threads at once: the singleton that
/// <see cref="Microsoft.Extensions.DependencyInjection.NetworkServiceCollectionExtensions.AddNetwork{TNet}(Microsoft.Extensions.DependencyInjection.IServiceCollection, string)"/>
/// registers. Each call is counted and timed on the <see cref="NeuroslynMetrics.MeterName"/> meter.
/// </summary>
/// <remarks>
/// Thread safety: the network is frozen once loaded (<see cref="ICompiledNetwork{TSelf}.Freeze"/>: an immutable copy
/// whose weight matrices are packed once for the kernels), and the generated inference code reads the shared
/// weights and writes only to the caller's output and to per-thread scratch memory, so concurrent calls need no lock.
/// </remarks>
/// <typeparam name="TNet">The generated network class.</typeparam>
public sealed class NetworkPredictor<TNet>
    where TNet : class, ICompiledNetwork<TNet>, ITrainingState
{
    private static readonly double[] s_durationBuckets =
        [1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 0.1, 1];

    private readonly IFrozenNetwork _frozen;
    private readonly Counter<long> _count;
    private readonly Histogram<double> _duration;
    private readonly KeyValuePair<string, object?> _networkTag = new(NeuroslynMetrics.NetworkTag, typeof(TNet).Name);

    private NetworkPredictor(IFrozenNetwork frozen, string weightsPath, Meter meter)
    {
        _frozen = frozen;
        WeightsPath = weightsPath;
        _count = meter.CreateCounter<long>(NeuroslynMetrics.InferenceCount, "{sample}", "Samples run through the network.");
        _duration = meter.CreateHistogram(
            NeuroslynMetrics.InferenceDuration,
            "s",
            "Duration of each Predict or PredictBatch call.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
    }

    /// <summary>The full path of the weight file the network was loaded from.</summary>
    public string WeightsPath { get; }

    /// <summary>Input features per sample (<c>TNet.InputSize</c>).</summary>
    public int InputSize => TNet.InputSize;

    /// <summary>Outputs per sample (<c>TNet.OutputSize</c>).</summary>
    public int OutputSize => TNet.OutputSize;

    /// <summary>Runs one sample through the network in inference mode (see <see cref="INetwork.Predict"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="input"/> does not hold <see cref="InputSize"/> values, or
    /// <paramref name="output"/> holds fewer than <see cref="OutputSize"/>.</exception>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        long start = Stopwatch.GetTimestamp();
        _frozen.Predict(input, output);
        Record(1, start);
    }

    /// <summary>Runs a batch of samples, stored row after row, through the network (see <see cref="INetwork.PredictBatch"/>).</summary>
    /// <exception cref="ArgumentException">The spans do not hold whole samples, or not as many outputs as inputs.</exception>
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        long start = Stopwatch.GetTimestamp();
        _frozen.PredictBatch(inputs, outputs);
        Record(inputs.Length / TNet.InputSize, start);
    }

    private void Record(int samples, long start)
    {
        if (_duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, _networkTag);
        }

        if (_count.Enabled)
        {
            _count.Add(samples, _networkTag);
        }
    }

    /// <summary>Loads the network from <paramref name="options"/>' weight file.</summary>
    /// <exception cref="IOException">The file is missing or unreadable; <see cref="WeightFileException"/> if it does not fit.</exception>
    internal static NetworkPredictor<TNet> Load(NetworkOptions<TNet> options, Meter meter, ILogger logger)
    {
        long start = Stopwatch.GetTimestamp();
        string path = Path.GetFullPath(options.WeightsPath);
        TNet network = TNet.Create(0);
        WeightFile.Load(network, path, options.ToWeightFileOptions());
        double milliseconds = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 1);
        HostingLog.NetworkLoaded(logger, typeof(TNet).Name, TNet.ParameterCount, path, milliseconds);
        return new NetworkPredictor<TNet>(network.Freeze(), path, meter);
    }

    /// <summary>For a caller's message: the network's shape.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{typeof(TNet).Name} ({TNet.InputSize} → {TNet.OutputSize}) from {WeightsPath}");
}
