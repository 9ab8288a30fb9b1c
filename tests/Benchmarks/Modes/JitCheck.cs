using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Training;

namespace Neuroslyn.Benchmarks.Modes;

/// <summary>
/// <c>--check-jit</c>: fails when the JIT compiles any method of a generated network class, or of the runtime's
/// kernels they call (<c>Neuroslyn.Kernels</c>, whose generic products the JIT compiles once per layer shape), with
/// MinOpts (it gives up optimising methods that are too large: the unrolled tiles would then run unoptimised). It starts this program
/// again with tiered compilation off (so every method is compiled once, fully, on first call) and the JIT's
/// disassembly summary sent to a file, runs every public entry point of every benchmark network, and reads the file.
/// </summary>
public static partial class JitCheck
{
    /// <summary>The argument of the child process that runs the networks.</summary>
    public const string ExerciseArgument = "--exercise-jit";

    private static readonly Type[] Networks = [typeof(MlpNet), typeof(TinyNet), typeof(LargeNet), typeof(MonitoredFashionNet), typeof(PlainFashionNet), typeof(CnnNet)];

    /// <summary>Runs the check; returns 0 when no generated method was compiled with MinOpts.</summary>
    public static int Run()
    {
        string summaryFile = Path.Combine(Path.GetTempPath(), $"neuroslyn-jit-{Environment.ProcessId}.txt");
        try
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            // Under `dotnet Neuroslyn.Benchmarks.dll` the process is dotnet itself: pass the assembly again.
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(JitCheck).Assembly.Location);
            }

            start.ArgumentList.Add(ExerciseArgument);
            start.Environment["DOTNET_TieredCompilation"] = "0";
            start.Environment["DOTNET_JitStdOutFile"] = summaryFile;
            start.Environment["DOTNET_JitDisasmSummary"] = "1";
            using Process child = Process.Start(start)!;
            child.WaitForExit();
            if (child.ExitCode != 0)
            {
                Console.Error.WriteLine($"The networks failed to run under the JIT check (exit code {child.ExitCode}).");
                return 1;
            }

            return Judge(File.ReadAllLines(summaryFile));
        }
        finally
        {
            File.Delete(summaryFile);
        }
    }

    /// <summary>The child: calls every entry point of every network so the JIT compiles their code.</summary>
    public static int Exercise()
    {
        Run<MlpNet, int>(new MlpNet(), classes: 10);
        Run<TinyNet, float>(new TinyNet(), classes: 0);
        Run<LargeNet, float>(new LargeNet(), classes: 0);
        Run<PlainFashionNet, int>(new PlainFashionNet(), classes: 10);
        Run<CnnNet, int>(new CnnNet(), classes: 10);
        // The CNN's two-thread products and the Conv2D kernels' threaded paths.
        Run<CnnNet, int>(new CnnNet { TrainingThreads = 2 }, classes: 10);
        var monitored = new MonitoredFashionNet();
        var monitor = new TrainingMonitor();
        monitor.Attach(monitored);
        Run<MonitoredFashionNet, int>(monitored, classes: 10);
#if TRAINING_THREADS
        // The two-thread path has its own code: compile it too.
        var threaded = new MlpNet { TrainingThreads = 2 };
        Run<MlpNet, int>(threaded, classes: 10);
#endif
        return 0;
    }

    private static void Run<TNet, TTarget>(TNet network, int classes)
        where TNet : ICompiledNetwork<TNet>, ITrainableNetwork<TTarget>
        where TTarget : unmanaged
    {
        // A batch larger than the inference block, so the batched paths run too.
        const int Rows = 300;
        var inputs = new float[Rows * TNet.InputSize];
        var outputs = new float[Rows * TNet.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (i % 17) / 17f;
        }

        TTarget[] targets = Targets<TTarget>(Rows * (classes > 0 ? 1 : TNet.OutputSize), classes);
        int targetRows = classes > 0 ? 32 : 32 * TNet.OutputSize;
        network.Predict(inputs.AsSpan(0, TNet.InputSize), outputs);
        network.PredictBatch(inputs, outputs);
        IFrozenNetwork frozen = network.Freeze();
        frozen.Predict(inputs.AsSpan(0, TNet.InputSize), outputs);
        frozen.PredictBatch(inputs, outputs);
        network.TrainBatch(inputs.AsSpan(0, 32 * TNet.InputSize), targets.AsSpan(0, targetRows));
        network.ComputeGradients(inputs.AsSpan(0, 32 * TNet.InputSize), targets.AsSpan(0, targetRows));
        network.ApplyGradients();
        network.ComputeLoss(inputs, targets);
    }

    private static TTarget[] Targets<TTarget>(int count, int classes)
    {
        if (typeof(TTarget) == typeof(int))
        {
            return (TTarget[])(object)Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        }

        return (TTarget[])(object)Enumerable.Range(0, count).Select(i => (i % 7) / 7f).ToArray();
    }

    // "   12: JIT compiled Ns.MlpNet:Predict(...):this [FullOpts, IL size=75, code size=312]"
    [GeneratedRegex(@"JIT compiled (?<method>.+) \[(?<tier>[^,\]]+)")]
    private static partial Regex SummaryLine();

    private static int Judge(string[] lines)
    {
        var checkedMethods = new List<(string Method, string Tier)>();
        foreach (string line in lines)
        {
            Match match = SummaryLine().Match(line);
            if (match.Success && (Networks.Any(type => IsMemberOf(match.Groups["method"].Value, type)) || IsKernel(match.Groups["method"].Value)))
            {
                checkedMethods.Add((match.Groups["method"].Value, match.Groups["tier"].Value));
            }
        }

        Console.WriteLine($"JIT check: {checkedMethods.Count} methods of the generated network classes {string.Join(", ", Networks.Select(type => type.Name))} and of Neuroslyn.Kernels:");
        foreach ((string method, string tier) in checkedMethods.OrderBy(entry => entry.Method, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {tier,-9} {method}");
        }

        foreach (string kernels in (string[])["DenseKernels`1", "Conv2DKernels`1"])
        {
            if (!checkedMethods.Any(entry => entry.Method.StartsWith($"Neuroslyn.Kernels.{kernels}[", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine($"JIT check failed: the JIT summary lacks the {kernels} kernels (Neuroslyn.Kernels.{kernels}).");
                return 1;
            }
        }

        string[] missing = Networks.Where(type => !checkedMethods.Any(entry => entry.Method.StartsWith(type.FullName + ":ComputeGradients", StringComparison.Ordinal))).Select(type => type.Name).ToArray();
        if (checkedMethods.Count == 0 || missing.Length > 0)
        {
            Console.Error.WriteLine($"JIT check failed: the JIT summary lacks the networks' methods ({string.Join(", ", missing)}); is DOTNET_JitStdOutFile supported by this runtime?");
            return 1;
        }

        var minOpts = checkedMethods.Where(entry => entry.Tier.Contains("MinOpts", StringComparison.Ordinal)).ToList();
        if (minOpts.Count > 0)
        {
            Console.Error.WriteLine($"JIT check failed: {minOpts.Count} generated methods compiled with MinOpts (too large for the JIT to optimise):");
            minOpts.ForEach(entry => Console.Error.WriteLine($"  {entry.Method}"));
            return 1;
        }

        Console.WriteLine("JIT check passed: no generated method was compiled with MinOpts.");
        return 0;
    }

    /// <summary>A method of the runtime's kernels: "Neuroslyn.Kernels.DenseKernels`1[Ns.MlpNet+Dense0Shape]:Forward(...)".</summary>
    private static bool IsKernel(string method) => method.StartsWith("Neuroslyn.Kernels.", StringComparison.Ordinal);

    // Nested types (TrainingBuffers) count as the network's: "Ns.MlpNet+TrainingBuffers:.ctor(int):this".
    private static bool IsMemberOf(string method, MemberInfo type)
        => method.StartsWith(((Type)type).FullName + ":", StringComparison.Ordinal) || method.StartsWith(((Type)type).FullName + "+", StringComparison.Ordinal);
}
