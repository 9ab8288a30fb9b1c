using System;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Neuroslyn.Weights;

namespace Neuroslyn.Hosting;

/// <summary>
/// Checks at start-up that <see cref="NetworkOptions{TNet}.WeightsPath"/> names a weight file that loads into
/// <typeparamref name="TNet"/>, so that a missing or mismatched file stops the application before it serves anything,
/// with a message that says which file, which network and what does not fit.
/// </summary>
/// <remarks>
/// The check is the real load, into a throw-away network: every check <see cref="WeightFile"/> makes (header, dtypes,
/// every tensor's shape, offsets, the file's size) runs before the application starts. The file is read again when the
/// singleton is created; for a network of a few megabytes that is a millisecond or two.
/// </remarks>
internal sealed class NetworkOptionsValidator<TNet> : IValidateOptions<NetworkOptions<TNet>>
    where TNet : class, ICompiledNetwork<TNet>, ITrainingState
{
    private readonly ILogger _logger;

    public NetworkOptionsValidator(ILogger logger) => _logger = logger;

    public ValidateOptionsResult Validate(string? name, NetworkOptions<TNet> options)
    {
        string? problem = Check(options);
        if (problem is null)
        {
            return ValidateOptionsResult.Success;
        }

        HostingLog.NetworkRejected(_logger, typeof(TNet).Name, problem);
        return ValidateOptionsResult.Fail(problem);
    }

    private static string? Check(NetworkOptions<TNet> options)
    {
        string network = typeof(TNet).Name;
        if (string.IsNullOrWhiteSpace(options.WeightsPath))
        {
            return $"No weights file is set for {network}: AddNetwork<{network}>(weightsPath) needs the path of the safetensors file with its trained weights (WeightFile.Save writes one).";
        }

        string path = Path.GetFullPath(options.WeightsPath);
        // Path.Exists, not File.Exists: a folder or a FIFO at the path is not "missing", and the load says what it is.
        if (!Path.Exists(path))
        {
            return $"The weights file for {network} does not exist: {path}" +
                   (Path.IsPathRooted(options.WeightsPath) ? "" : $" ('{options.WeightsPath}' from the current folder {Environment.CurrentDirectory})") +
                   ". Train the network and save it with WeightFile.Save(network, path), or set the path of an existing .safetensors file.";
        }

        try
        {
            WeightFile.Load(TNet.Create(0), path, options.ToWeightFileOptions());
            return null;
        }
        catch (WeightFileException exception) when (exception.IsAboutThePath)
        {
            return $"The weights file for {network} cannot be read: {exception.Message}";
        }
        catch (WeightFileException exception)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"The weights file {path} does not fit {network} ({TNet.InputSize} inputs, {TNet.OutputSize} outputs, {TNet.ParameterCount:N0} parameters): {Describe(exception)}. Was it saved from another network, or from an older version of this one?");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"The weights file for {network} cannot be read: {path}: {exception.Message}";
        }
    }

    private static string Describe(WeightFileException exception)
        => exception.TensorName is null ? exception.Problem : $"{exception.TensorName}: {exception.Problem}";
}
