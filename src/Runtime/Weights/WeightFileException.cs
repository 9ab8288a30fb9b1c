using System;
using System.IO;

namespace Neuroslyn.Weights;

/// <summary>
/// A weight file that cannot be loaded into the network: the path is not a readable regular file, the file is not a
/// well-formed safetensors file, or its tensors are not the network's (missing, unexpected, another dtype or shape,
/// values the network cannot use). The one exception <see cref="WeightFile"/> throws for what a path names or a file
/// contains; the network is left exactly as it was.
/// </summary>
/// <remarks>
/// The message names the tensor and what was expected, e.g.
/// <c>0.weight: expected F32 [128, 784], the file has F32 [64, 784]</c>, or what the path is, e.g.
/// <c>/srv/models: is a folder, not a weight file: ...</c>. A path that does not exist or may not be read is one too,
/// with .NET's <see cref="FileNotFoundException"/> or <see cref="UnauthorizedAccessException"/> as its
/// <see cref="Exception.InnerException"/>. A disk error while reading is the usual <see cref="IOException"/>, of which
/// this is one, so that <c>catch (IOException)</c> handles every reason a load failed.
/// </remarks>
public sealed class WeightFileException : IOException
{
    /// <summary>Creates the exception for a problem with <paramref name="tensorName"/> (null: the file as a whole).</summary>
    public WeightFileException(string? tensorName, string problem, string? filePath = null)
        : this(tensorName, problem, filePath, innerException: null, isAboutThePath: false)
    {
    }

    private WeightFileException(string? tensorName, string problem, string? filePath, Exception? innerException, bool isAboutThePath)
        : base(Compose(tensorName, problem, filePath), innerException)
    {
        TensorName = tensorName;
        Problem = problem;
        FilePath = filePath;
        IsAboutThePath = isAboutThePath;
    }

    /// <summary>The tensor the problem is with, or null when it is with the file as a whole (its header, its size).</summary>
    public string? TensorName { get; }

    /// <summary>What is wrong, without the tensor's name and the file's path.</summary>
    public string Problem { get; }

    /// <summary>The file, when the weights were read from a path.</summary>
    public string? FilePath { get; }

    /// <summary>True when the path names no readable regular file, so that no content was read at all.</summary>
    internal bool IsAboutThePath { get; }

    /// <summary>A path that is not a readable regular file (a folder, a FIFO, nothing, no permission).</summary>
    internal static WeightFileException ForPath(string path, string problem, Exception? innerException = null)
        => new(tensorName: null, problem, path, innerException, isAboutThePath: true);

    internal WeightFileException WithPath(string path) => new(TensorName, Problem, path, InnerException, IsAboutThePath);

    private static string Compose(string? tensorName, string problem, string? filePath)
    {
        string message = tensorName is null ? problem : $"{tensorName}: {problem}";
        return filePath is null ? message : $"{filePath}: {message}";
    }
}
