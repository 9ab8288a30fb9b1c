using Microsoft.Extensions.Logging;

namespace Neuroslyn.Hosting;

/// <summary>The hosting layer's log messages (compile-time logging: no boxing, no parsing of the template per call).</summary>
internal static partial class HostingLog
{
    /// <summary>The logger category of everything Neuroslyn's hosting layer logs.</summary>
    public const string Category = "Neuroslyn.Hosting";

    [LoggerMessage(EventId = 1, EventName = "NetworkLoaded", Level = LogLevel.Information,
        Message = "Loaded {Network} ({ParameterCount} parameters) from {WeightsPath} in {ElapsedMilliseconds} ms")]
    public static partial void NetworkLoaded(ILogger logger, string network, int parameterCount, string weightsPath, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "NetworkRejected", Level = LogLevel.Error,
        Message = "{Network} cannot start: {Problem}")]
    public static partial void NetworkRejected(ILogger logger, string network, string problem);
}
