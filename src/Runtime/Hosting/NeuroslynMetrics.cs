using System.Diagnostics.Metrics;

namespace Neuroslyn.Hosting;

/// <summary>
/// The names of the <see cref="System.Diagnostics.Metrics"/> instruments that <see cref="NetworkPredictor{TNet}"/>
/// records, for dotnet-counters, OpenTelemetry (<c>AddMeter(NeuroslynMetrics.MeterName)</c>) or a
/// <see cref="MeterListener"/>. Each measurement carries the tag <see cref="NetworkTag"/> with the network's class name.
/// </summary>
public static class NeuroslynMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Neuroslyn";

    /// <summary>Counter of samples run through a network (a batch of n counts n), unit <c>{sample}</c>.</summary>
    public const string InferenceCount = "neuroslyn.inference.count";

    /// <summary>Histogram of the duration of each Predict or PredictBatch call, in seconds.</summary>
    public const string InferenceDuration = "neuroslyn.inference.duration";

    /// <summary>The tag that names the network class.</summary>
    public const string NetworkTag = "neuroslyn.network";
}
