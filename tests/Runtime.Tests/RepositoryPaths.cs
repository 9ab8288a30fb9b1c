using System;
using System.IO;

namespace Neuroslyn.Runtime.Tests;

/// <summary>Locates files of the repository from the test binaries.</summary>
internal static class RepositoryPaths
{
    private const string Marker = "Generator.sln";

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository's root: the nearest folder above the test binaries that holds <c>Generator.sln</c>.</summary>
    public static string Root => s_root.Value;

    /// <summary>A path below the repository's root, e.g. <c>Combine("samples", "FashionMnist", "data")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No folder containing {Marker} was found above {AppContext.BaseDirectory}.");
    }
}
