using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// The samples in a real build: samples/Hazards reports each rule at its marked line, and its error networks fail the
/// build; the Fashion-MNIST network reports nothing at all.
/// </summary>
public sealed partial class SampleTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    [Trait("Category", "Build")]
    public void Hazards_sample_reports_every_marked_rule_at_its_line_and_the_error_networks_fail_the_build()
    {
        string folder = Neuroslyn.Generator.Tests.RepositoryPaths.Combine("samples", "Hazards");
        HashSet<string> expected = Directory.GetFiles(folder, "*.cs")
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, number: i + 1)))
            .SelectMany(entry => MarkerPattern().Matches(entry.line).Select(match => $"{Path.GetFileName(entry.file)}:{entry.number}:{match.Groups[1].Value}"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.Count >= 15, "samples/Hazards marks fewer rules than expected: " + string.Join(", ", expected));

        (int exitCode, string output) = Build(folder, hazardErrors: true);

        HashSet<string> reported = ReportedPattern().Matches(output)
            .Select(match => $"{Path.GetFileName(match.Groups["file"].Value)}:{match.Groups["line"].Value}:{match.Groups["id"].Value}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.SetEquals(reported), $"Expected:\n{string.Join("\n", expected.Order())}\nReported:\n{string.Join("\n", reported.Order())}\n\n{output}");
        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"Networks\.cs\(\d+,\d+\): error NSL1001: Dropout\(1\.0\) drops every unit", output);

        // Every other diagnostic is a warning: only the error networks fail the build.
        Assert.Equal(3, Regex.Matches(output, @"\): error NSL(1001|5001|5002):").Select(match => match.Groups[1].Value).Distinct().Count());
        Assert.DoesNotMatch(@"\): error (?!NSL(1001|5001|5002))", output);
    }

    [Theory]
    [InlineData("FashionNet.cs")]
    [InlineData("FashionMlp.cs")]
    public void Fashion_mnist_networks_have_no_diagnostic_of_any_severity(string file)
    {
        string source = File.ReadAllText(Neuroslyn.Generator.Tests.RepositoryPaths.Combine("samples", "FashionMnist", file));

        Assert.Empty(AnalyzerHarness.Analyze(source));
    }

    private static (int ExitCode, string Output) Build(string folder, bool hazardErrors)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
                 {
                     "build", "Hazards.csproj", "-c", Configuration, "--no-dependencies", "-nologo", "-v", "minimal",
                     "-nodeReuse:false", $"-p:HazardErrors={(hazardErrors ? "true" : "false")}",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build of samples/Hazards took more than 5 minutes:\n" + output);
        }

        return (process.ExitCode, output + stderr.Result);
    }

    [GeneratedRegex(@"//\s*(NSL\d{4})\b")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"(?<file>[^\s(]+\.cs)\((?<line>\d+),\d+\): (?:warning|error) (?<id>NSL\d{4})")]
    private static partial Regex ReportedPattern();
}
