using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Neuroslyn.Benchmarks.Workloads;

namespace Neuroslyn.Benchmarks.Modes;

/// <summary>
/// <c>--interleaved FILE</c>: the in-process target ratios measured a second way, in alternating rounds
/// (<see cref="InterleavedPair"/>), written as JSON for run.sh's table next to BenchmarkDotNet's ratios. The operations
/// are the benchmark classes' own methods after their own setup (which checks that the peers agree), so both ways time
/// the same calls. W3's and W7's peer is PyTorch in another process: <see cref="InterleavedTraining"/> measures it.
/// <c>--interleaved FILE PREFIXES</c> measures only the pairs whose names start with one of the comma-separated
/// prefixes (<c>w5,w6,secondConvolution</c>), to try them out; run.sh's table needs them all.
/// </summary>
public static class InterleavedRatios
{
    /// <summary>Measures every pair (or those <paramref name="only"/> names) and writes the JSON to <paramref name="path"/>; returns the exit code.</summary>
    public static int Run(string path, string? only = null)
    {
        string[] prefixes = only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [""];
        using var w1 = new W1BatchOne();
        using var w2 = new W2Batch64();
        using var w4 = new W4Tiny();
        using var w5 = new W5CnnBatchOne();
        using var w6 = new W6CnnBatch64();
        w1.Setup();
        w2.Setup();
        w4.Setup();
        w5.Setup();
        w6.Setup();
        var kernel = new KernelEfficiency();
        kernel.Setup();
        var monitor = new MonitorCost();
        monitor.Setup();

        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("rounds", InterleavedPair.Rounds);

        // Peer time / Neuroslyn time: above 1 means Neuroslyn is faster.
        static double PeerOverOurs(double ours, double peer) => peer / ours;

        // Neuroslyn time / reference time, as the issue states the hand-written target (at most 1.2).
        static double OursOverPeer(double ours, double peer) => ours / peer;

        Write(json, "w1FrozenVsOrt", new InterleavedPair(w1.NeuroslynFrozen, w1.OnnxRuntime), PeerOverOurs);
        Write(json, "w1FrozenVsHandWritten", new InterleavedPair(w1.NeuroslynFrozen, w1.HandWrittenSimd), OursOverPeer);
        Write(json, "w1NetworkVsOrt", new InterleavedPair(w1.Neuroslyn, w1.OnnxRuntime), PeerOverOurs);
        Write(json, "w1NetworkVsHandWritten", new InterleavedPair(w1.Neuroslyn, w1.HandWrittenSimd), OursOverPeer);
        Write(json, "w2FrozenVsOrt", new InterleavedPair(w2.NeuroslynFrozen, w2.OnnxRuntime), PeerOverOurs);
        Write(json, "w2NetworkVsOrt", new InterleavedPair(w2.Neuroslyn, w2.OnnxRuntime), PeerOverOurs);
        Write(json, "w4VsOrt", new InterleavedPair(w4.Neuroslyn, w4.OnnxRuntime), PeerOverOurs);
        Write(json, "w5FrozenVsOrt", new InterleavedPair(w5.NeuroslynFrozen, w5.OnnxRuntime), PeerOverOurs);
        Write(json, "w5NetworkVsOrt", new InterleavedPair(w5.Neuroslyn, w5.OnnxRuntime), PeerOverOurs);
        Write(json, "w6FrozenVsOrt", new InterleavedPair(w6.NeuroslynFrozen, w6.OnnxRuntime), PeerOverOurs);
        Write(json, "w6NetworkVsOrt", new InterleavedPair(w6.Neuroslyn, w6.OnnxRuntime), PeerOverOurs);

        // The share of the FMA peak: (gradient FLOP / gradient time) / (peak FLOP / peak time). One ComputeGradients
        // call (about 60 ms) against about as long of the FMA loop, round by round.
        Write(
            json,
            "kernelShareOfPeak",
            new InterleavedPair(() => kernel.LargeNetGradients(), () => kernel.FmaPeak(), RoundMilliseconds: 60),
            (gradients, peak) => KernelEfficiency.GradientFlops / gradients / (KernelEfficiency.PeakFlops / peak));

        // The CNN's second convolution, forward and backward at batch 64 (about 17 ms on a quiet core), the same way.
        Write(
            json,
            "secondConvolutionShareOfPeak",
            new InterleavedPair(() => kernel.SecondConvolution(), () => kernel.FmaPeak(), RoundMilliseconds: 60),
            (convolution, peak) => SecondConvolution.Flops / convolution / (KernelEfficiency.PeakFlops / peak));

        // The ceiling, not a target: the products' inner loop with its operands in L1 against the FMA loop (same FLOPs),
        // so a round in which the machine slows code that loads while it multiplies shows as a share below 1.
        Write(json, "cacheResidentTileShareOfPeak", new InterleavedPair(() => kernel.CacheResidentTile(), () => kernel.FmaPeak()), (tile, peak) => peak / tile);

        // The monitor's cost: monitored step time / plain step time - 1.
        Write(json, "monitorOverhead", new InterleavedPair(() => monitor.PlainStep(), () => monitor.MonitoredStep()), (plain, monitored) => (monitored / plain) - 1);
        json.WriteEndObject();
        return 0;

        void Write(Utf8JsonWriter json, string name, InterleavedPair pair, Func<double, double, double> ratio)
        {
            if (prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                Measure(json, name, pair, ratio);
            }
        }
    }

    private static void Measure(Utf8JsonWriter json, string name, InterleavedPair pair, Func<double, double, double> ratio)
    {
        InterleavedTimes times = pair.Measure();
        (double median, double lower, double upper) = times.RatioQuartiles(ratio);
        Console.WriteLine($"{name}: median ratio {median:F3} (quartiles {lower:F3}-{upper:F3}), {InterleavedTimes.Median(times.SecondsA) * 1e6:F2} µs vs {InterleavedTimes.Median(times.SecondsB) * 1e6:F2} µs per call");
        times.WriteRatio(json, name, (median, lower, upper));
    }
}
