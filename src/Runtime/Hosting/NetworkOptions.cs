using Neuroslyn.Weights;

namespace Neuroslyn.Hosting;

/// <summary>
/// How <see cref="Microsoft.Extensions.DependencyInjection.NetworkServiceCollectionExtensions.AddNetwork{TNet}(Microsoft.Extensions.DependencyInjection.IServiceCollection, string)"/>
/// loads the network of type <typeparamref name="TNet"/>: one options type per network type, so that an application can
/// host several networks side by side.
/// </summary>
/// <typeparam name="TNet">The generated network class.</typeparam>
public sealed class NetworkOptions<TNet>
    where TNet : ICompiledNetwork<TNet>, ITrainingState
{
    /// <summary>The safetensors file with the trained weights (<see cref="WeightFile"/>.Save writes one).</summary>
    public string WeightsPath { get; set; } = "";

    /// <summary>
    /// Accept a file holding tensors the network does not have (such as a training checkpoint's optimizer state, or a
    /// PyTorch file with extra buffers). Default false: any tensor the network does not know is an error.
    /// </summary>
    public bool IgnoreUnexpectedTensors { get; set; }

    internal WeightFileOptions ToWeightFileOptions() => new() { IgnoreUnexpectedTensors = IgnoreUnexpectedTensors };
}
