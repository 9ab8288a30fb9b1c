using System;
using System.IO;
using Xunit.Sdk;

namespace Neuroslyn.Generator.Tests;

/// <summary>
/// Compares generated text with a committed golden file, <c>Golden/&lt;name&gt;.g.cs.txt</c>.
/// <c>NEUROSLYN_UPDATE_GOLDEN=1</c> rewrites the file instead (refused when <c>CI=true</c>); a mismatch writes
/// <c>&lt;name&gt;.g.cs.received</c> beside it and reports the first line that differs.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "NEUROSLYN_UPDATE_GOLDEN";

    public static void Verify(string name, string actual)
    {
        string golden = Path.Combine(RepositoryPaths.GoldenFolder, name + ".g.cs.txt");
        string received = Path.Combine(RepositoryPaths.GoldenFolder, name + ".g.cs.received");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new XunitException($"{UpdateVariable}=1 is refused when CI=true: golden files are rewritten on a developer's machine and committed, never by CI.");
            }

            Directory.CreateDirectory(RepositoryPaths.GoldenFolder);
            File.WriteAllText(golden, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(golden))
        {
            File.WriteAllText(received, actual);
            throw new XunitException($"There is no golden file {golden}. The output was written to {received}; run the tests with {UpdateVariable}=1 to create the golden file, then read it and commit it.");
        }

        // A checkout that turned the golden file's line endings into CRLF still matches.
        string expected = File.ReadAllText(golden).Replace("\r\n", "\n");
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        throw new XunitException($"The generated source differs from {golden}.{Environment.NewLine}{FirstDifference(expected, actual)}{Environment.NewLine}The output was written to {received}. If the change is intended, run the tests with {UpdateVariable}=1 and review the diff of the golden file.");
    }

    /// <summary>The first line (1-based) on which the texts differ, with both versions of it.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? expectedLine = i < expectedLines.Length ? expectedLines[i] : null;
            string? actualLine = i < actualLines.Length ? actualLines[i] : null;
            if (expectedLine != actualLine)
            {
                return $"First difference at line {i + 1}:{Environment.NewLine}"
                    + $"  golden:    {expectedLine ?? "<end of file>"}{Environment.NewLine}"
                    + $"  generated: {actualLine ?? "<end of file>"}";
            }
        }

        return "The texts differ only in a way that splitting into lines does not show.";
    }
}
