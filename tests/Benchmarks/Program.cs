using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Neuroslyn.Benchmarks;
using Neuroslyn.Benchmarks.Modes;

// Modes besides the benchmarks themselves, each its own small class; run.sh uses all of them.
return args switch
{
    ["--check-jit"] => JitCheck.Run(),
    [JitCheck.ExerciseArgument] => JitCheck.Exercise(),
    ["--machine", string path] => MachineInfo.Write(path),
    ["--accuracy", string path] => AccuracyCheck.Run(path),
    ["--interleaved", string path] => InterleavedRatios.Run(path),
    ["--interleaved", string path, string only] => InterleavedRatios.Run(path, only),
    ["--interleaved-training", string path, string peers, string torchJson] => InterleavedTraining.Run(path, peers, torchJson),
    ["--interleaved-training", string path, string peers, string torchJson, string only] => InterleavedTraining.Run(path, peers, torchJson, only),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    // --artifacts DIR (BenchmarkDotNet's own option) overrides this default.
    string artifacts = Environment.GetEnvironmentVariable("NEUROSLYN_BENCH_ARTIFACTS") ?? "BenchmarkDotNet.Artifacts";
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create(artifacts));
    foreach (var summary in summaries)
    {
        // A failed setup check (peers disagree) or a failed benchmark must fail run.sh, not leave a hole in the table.
        if (summary.HasCriticalValidationErrors || summary.Reports.Length == 0 || summary.Reports.Any(report => !report.Success))
        {
            Console.Error.WriteLine("Some benchmarks failed; see the log above.");
            return 1;
        }
    }

    return 0;
}
