using System;
using System.IO;

namespace Neuroslyn.Generator.Tests;

/// <summary>Locates files of the repository (golden files, docs, release tracking) from the test binaries.</summary>
internal static class RepositoryPaths
{
    /// <summary>A file only the repository's root has below it.</summary>
    private static readonly string s_marker = Path.Combine("src", "Generator", "Neuroslyn.Generator.csproj");

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The nearest folder above the test binaries that holds <c>src/Generator/Neuroslyn.Generator.csproj</c>.</summary>
    public static string Root => s_root.Value;

    /// <summary>A path below the repository's root, e.g. <c>Combine("docs", "diagnostics")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The committed golden files of the generator tests.</summary>
    public static string GoldenFolder => Combine("tests", "Generator.Tests", "Golden");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, s_marker)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder containing {s_marker} was found above {AppContext.BaseDirectory}.");
    }
}
