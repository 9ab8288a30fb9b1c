using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Neuroslyn.Benchmarks.Peers;
using Neuroslyn.Benchmarks.Workloads;

namespace Neuroslyn.Benchmarks.Modes;

/// <summary>
/// <c>--interleaved-training FILE PEERS_FOLDER TORCH_JSON</c>: W3's ratio to PyTorch measured epoch by epoch in
/// alternating order (Neuroslyn, PyTorch, then PyTorch, Neuroslyn, ...), one and two threads, as JSON for run.sh's
/// table. Each side times its own epoch (<see cref="W3Training"/>'s benchmark methods here, PyTorch's loop there);
/// PyTorch's two threads run with the OpenMP wait policy that won in pytorch_bench.py's own run (TORCH_JSON).
/// </summary>
public static class InterleavedTraining
{
    /// <summary>Timed rounds per thread count, after one warm-up epoch each.</summary>
    public const int Rounds = 5;

    /// <summary>Measures both thread counts and writes the JSON to <paramref name="path"/>; returns the exit code.</summary>
    public static int Run(string path, string peersFolder, string torchJson)
    {
        var w3 = new W3Training();
        w3.Setup();
        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("w3Rounds", Rounds);
        Write(json, "w3VsPyTorch1Thread", Measure(() => w3.Neuroslyn1Thread(), new PyTorchEpochs(peersFolder, 1, waitPolicy: null)));
#if TRAINING_THREADS
        Write(json, "w3VsPyTorch2Threads", Measure(() => w3.Neuroslyn2Threads(), new PyTorchEpochs(peersFolder, 2, WinningWaitPolicy(torchJson))));
#endif
        json.WriteEndObject();
        return 0;
    }

    /// <summary>Seconds per sample of each side, round by round.</summary>
    private static InterleavedTimes Measure(Action ourEpoch, PyTorchEpochs pytorch)
    {
        using (pytorch)
        {
            OurSecondsPerSample(ourEpoch);
            pytorch.Epoch();
            var ours = new double[Rounds];
            var theirs = new double[Rounds];
            for (int round = 0; round < Rounds; round++)
            {
                if (round % 2 == 0)
                {
                    ours[round] = OurSecondsPerSample(ourEpoch);
                    theirs[round] = 1 / pytorch.Epoch();
                }
                else
                {
                    theirs[round] = 1 / pytorch.Epoch();
                    ours[round] = OurSecondsPerSample(ourEpoch);
                }
            }

            return new InterleavedTimes(ours, theirs);
        }
    }

    private static double OurSecondsPerSample(Action epoch)
    {
        long start = Stopwatch.GetTimestamp();
        epoch();
        return Stopwatch.GetElapsedTime(start).TotalSeconds / BenchmarkData.EpochSamples;
    }

    /// <summary>"OMP_WAIT_POLICY=PASSIVE" in pytorch_bench.py's JSON gives PASSIVE; "=default" gives none.</summary>
    private static string? WinningWaitPolicy(string torchJson)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(torchJson));
        string config = document.RootElement.GetProperty("w3Config2Threads").GetString()
            ?? throw new InvalidDataException($"{torchJson} has no w3Config2Threads.");
        string policy = config[(config.IndexOf('=') + 1)..];
        return policy == "default" ? null : policy;
    }

    // Samples/s ratio, Neuroslyn over PyTorch: PyTorch's seconds per sample over ours.
    private static void Write(Utf8JsonWriter json, string name, InterleavedTimes times)
    {
        (double median, double lower, double upper) = times.RatioQuartiles((ours, theirs) => theirs / ours);
        double ourRate = 1 / InterleavedTimes.Median(times.SecondsA), theirRate = 1 / InterleavedTimes.Median(times.SecondsB);
        Console.WriteLine($"{name}: median ratio {median:F2} (quartiles {lower:F2}-{upper:F2}), {ourRate:N0} vs {theirRate:N0} samples/s");
        Console.WriteLine($"  rounds, samples/s: {string.Join("; ", times.SecondsA.Zip(times.SecondsB, (ours, theirs) => $"{1 / ours:N0} vs {1 / theirs:N0}"))}");
        times.WriteRatio(json, name, (median, lower, upper));
    }
}
