using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Neuroslyn.Benchmarks.Peers;
using Neuroslyn.Benchmarks.Workloads;

namespace Neuroslyn.Benchmarks.Modes;

/// <summary>
/// <c>--interleaved-training FILE PEERS_FOLDER TORCH_JSON [w3|w7]</c>: the training ratios to PyTorch measured round by
/// round in alternating order (Neuroslyn, PyTorch, then PyTorch, Neuroslyn, ...), one and two threads, as JSON for
/// run.sh's table: W3 a whole epoch per round, W7 (the CNN, whose epoch takes tens of seconds) a segment of
/// <see cref="W7CnnTraining.SegmentBatches"/> batches per round, each continuing through the epoch on both sides. Each
/// side times its own round (the benchmark classes' methods here, PyTorch's loop there); PyTorch's two threads run with
/// the OpenMP wait policy that won in pytorch_bench.py's own run of that workload (TORCH_JSON). The optional last
/// argument measures one workload only (to try it out; run.sh's table needs both).
/// </summary>
public static class InterleavedTraining
{
    /// <summary>Timed rounds per thread count, after one warm-up round each.</summary>
    public const int Rounds = 5;

    /// <summary>Measures both thread counts and writes the JSON to <paramref name="path"/>; returns the exit code.</summary>
    public static int Run(string path, string peersFolder, string torchJson, string? only = null)
    {
        if (only is not (null or "w3" or "w7"))
        {
            Console.Error.WriteLine($"--interleaved-training: unknown workload {only} (w3 or w7).");
            return 2;
        }

        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("w3Rounds", Rounds);
        json.WriteNumber("w7Rounds", Rounds);
        json.WriteNumber("w7RoundSamples", W7CnnTraining.SegmentSamples);
        if (only is null or "w3")
        {
            var w3 = new W3Training();
            w3.Setup();
            Write(json, "w3VsPyTorch1Thread", Measure(() => w3.Neuroslyn1Thread(), BenchmarkData.EpochSamples, new PyTorchRounds(peersFolder, 1, waitPolicy: null, "w3")));
#if TRAINING_THREADS
            Write(json, "w3VsPyTorch2Threads", Measure(() => w3.Neuroslyn2Threads(), BenchmarkData.EpochSamples, new PyTorchRounds(peersFolder, 2, WinningWaitPolicy(torchJson, "w3Config2Threads"), "w3")));
#endif
        }

        if (only is null or "w7")
        {
            var w7 = new W7CnnTraining();
            w7.Setup();
            Write(json, "w7VsPyTorch1Thread", Measure(() => w7.Neuroslyn1Thread(), W7CnnTraining.SegmentSamples, new PyTorchRounds(peersFolder, 1, waitPolicy: null, "w7")));
            Write(json, "w7VsPyTorch2Threads", Measure(() => w7.Neuroslyn2Threads(), W7CnnTraining.SegmentSamples, new PyTorchRounds(peersFolder, 2, WinningWaitPolicy(torchJson, "w7Config2Threads"), "w7")));
        }

        json.WriteEndObject();
        return 0;
    }

    /// <summary>Seconds per sample of each side, round by round.</summary>
    private static InterleavedTimes Measure(Action ourRound, int ourSamples, PyTorchRounds pytorch)
    {
        using (pytorch)
        {
            OurSecondsPerSample(ourRound, ourSamples);
            pytorch.Round();
            var ours = new double[Rounds];
            var theirs = new double[Rounds];
            for (int round = 0; round < Rounds; round++)
            {
                if (round % 2 == 0)
                {
                    ours[round] = OurSecondsPerSample(ourRound, ourSamples);
                    theirs[round] = 1 / pytorch.Round();
                }
                else
                {
                    theirs[round] = 1 / pytorch.Round();
                    ours[round] = OurSecondsPerSample(ourRound, ourSamples);
                }
            }

            return new InterleavedTimes(ours, theirs);
        }
    }

    private static double OurSecondsPerSample(Action round, int samples)
    {
        long start = Stopwatch.GetTimestamp();
        round();
        return Stopwatch.GetElapsedTime(start).TotalSeconds / samples;
    }

    /// <summary>"OMP_WAIT_POLICY=PASSIVE" in pytorch_bench.py's JSON (under <paramref name="key"/>) gives PASSIVE; "=default" gives none.</summary>
    private static string? WinningWaitPolicy(string torchJson, string key)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(torchJson));
        string config = (document.RootElement.TryGetProperty(key, out JsonElement value) ? value.GetString() : null)
            ?? throw new InvalidDataException($"{torchJson} has no {key}: run peers/pytorch_bench.py again.");
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
