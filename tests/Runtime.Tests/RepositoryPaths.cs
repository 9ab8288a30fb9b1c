using System;
using System.IO;

namespace Neuroslyn.Runtime.Tests;

/// <summary>Locates files of the repository from the test binaries.</summary>
internal static class RepositoryPaths
{
    /// <summary>Files only the repository's root has below it: the solution, or the generator's project while there is none.</summary>
    private static readonly string[] s_markers = ["Generator.sln", Path.Combine("src", "Generator", "Neuroslyn.Generator.csproj")];

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository's root: the nearest folder above the test binaries that holds <c>Generator.sln</c> (or <c>src/Generator/Neuroslyn.Generator.csproj</c>).</summary>
    public static string Root => s_root.Value;

    /// <summary>A path below the repository's root, e.g. <c>Combine("samples", "FashionMnist", "data")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string marker in s_markers)
            {
                if (File.Exists(Path.Combine(dir.FullName, marker)))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No folder containing {string.Join(" or ", s_markers)} was found above {AppContext.BaseDirectory}.");
    }
}
