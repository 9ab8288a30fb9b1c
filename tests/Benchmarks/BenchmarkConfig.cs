using System;
using System.IO;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Neuroslyn.Benchmarks;

/// <summary>
/// The suite's one job, bounded so that everything runs in well under 15 minutes on 2 cores: one launch, 3 warm-up and
/// 10 measured iterations of about 150 ms. The slow workloads (W3, kernel efficiency) override the counts and run one
/// invocation per iteration with class attributes. Each benchmark runs in its own process (BenchmarkDotNet's default
/// toolchain), built once for the whole suite. Full JSON goes to the artifacts folder for run.sh's table.
/// </summary>
public static class BenchmarkConfig
{
    /// <summary>The configuration; <paramref name="artifacts"/> is where BenchmarkDotNet writes logs and reports.</summary>
    public static IConfig Create(string artifacts)
    {
        Job job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(150))
            .WithId("Bounded");
        return ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .AddExporter(JsonExporter.Full)
            .WithSummaryStyle(SummaryStyle.Default)
            .WithArtifactsPath(Path.GetFullPath(artifacts))
            // BenchmarkDotNet rebuilds this project (and the generator) without the shared compiler server; on 2 busy
            // cores that can pass the default 2 minutes.
            .WithBuildTimeout(TimeSpan.FromMinutes(10))
            .WithOptions(ConfigOptions.JoinSummary);
    }
}
