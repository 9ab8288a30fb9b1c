using System;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Neuroslyn;
using Neuroslyn.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers trained Neuroslyn networks for inference in a service collection.</summary>
public static class NetworkServiceCollectionExtensions
{
    /// <summary>The meter used when the container has no <see cref="IMeterFactory"/> (one for the whole process).</summary>
    private static readonly Meter s_fallbackMeter = new(NeuroslynMetrics.MeterName);

    /// <summary>
    /// Registers a <see cref="NetworkPredictor{TNet}"/> singleton that runs <typeparamref name="TNet"/> with the weights in
    /// the safetensors file at <paramref name="weightsPath"/>. The file is checked when the host starts
    /// (<c>ValidateOnStart</c>): a missing file, or one that does not fit the network, stops the start with a message that
    /// says which file and what does not fit.
    /// </summary>
    /// <example><code>builder.Services.AddNetwork&lt;FashionNet&gt;("fashionnet.safetensors");</code></example>
    public static IServiceCollection AddNetwork<TNet>(this IServiceCollection services, string weightsPath)
        where TNet : class, ICompiledNetwork<TNet>, ITrainingState
    {
        ArgumentNullException.ThrowIfNull(weightsPath);
        return services.AddNetwork<TNet>(options => options.WeightsPath = weightsPath);
    }

    /// <summary>
    /// Registers a <see cref="NetworkPredictor{TNet}"/> singleton configured by <paramref name="configure"/> (which may
    /// also come from configuration: <c>services.Configure&lt;NetworkOptions&lt;FashionNet&gt;&gt;(section)</c>), checked at
    /// start-up as <see cref="AddNetwork{TNet}(IServiceCollection, string)"/> says.
    /// </summary>
    public static IServiceCollection AddNetwork<TNet>(this IServiceCollection services, Action<NetworkOptions<TNet>> configure)
        where TNet : class, ICompiledNetwork<TNet>, ITrainingState
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<NetworkOptions<TNet>>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NetworkOptions<TNet>>, NetworkOptionsValidator<TNet>>(
            provider => new NetworkOptionsValidator<TNet>(Logger(provider))));
        services.TryAddSingleton(provider => NetworkPredictor<TNet>.Load(
            provider.GetRequiredService<IOptions<NetworkOptions<TNet>>>().Value,
            provider.GetService<IMeterFactory>()?.Create(NeuroslynMetrics.MeterName) ?? s_fallbackMeter,
            Logger(provider)));
        return services;
    }

    private static ILogger Logger(IServiceProvider provider)
        => provider.GetService<ILoggerFactory>()?.CreateLogger(HostingLog.Category) ?? NullLogger.Instance;
}
