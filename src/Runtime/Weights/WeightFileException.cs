using System.IO;

namespace Neuroslyn.Weights;

/// <summary>
/// A weight file that cannot be loaded into the network: it is not a well-formed safetensors file, or its tensors are
/// not the network's (missing, unexpected, another dtype or shape). The one exception <see cref="WeightFile"/> throws
/// for what a file contains; the network is left exactly as it was.
/// </summary>
/// <remarks>
/// The message names the tensor and what was expected, e.g.
/// <c>0.weight: expected F32 [128, 784], the file has F32 [64, 784]</c>. Failures to open or read the file itself
/// (missing file, no permission, a disk error) are the usual <see cref="IOException"/>s, of which this is one, so that
/// <c>catch (IOException)</c> handles every reason a load failed.
/// </remarks>
public sealed class WeightFileException : IOException
{
    /// <summary>Creates the exception for a problem with <paramref name="tensorName"/> (null: the file as a whole).</summary>
    public WeightFileException(string? tensorName, string problem, string? filePath = null)
        : base(Compose(tensorName, problem, filePath))
    {
        TensorName = tensorName;
        Problem = problem;
        FilePath = filePath;
    }

    /// <summary>The tensor the problem is with, or null when it is with the file as a whole (its header, its size).</summary>
    public string? TensorName { get; }

    /// <summary>What is wrong, without the tensor's name and the file's path.</summary>
    public string Problem { get; }

    /// <summary>The file, when the weights were read from a path.</summary>
    public string? FilePath { get; }

    internal WeightFileException WithPath(string path) => new(TensorName, Problem, path);

    private static string Compose(string? tensorName, string problem, string? filePath)
    {
        string message = tensorName is null ? problem : $"{tensorName}: {problem}";
        return filePath is null ? message : $"{filePath}: {message}";
    }
}
