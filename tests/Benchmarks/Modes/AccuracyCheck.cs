using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Benchmarks.Workloads;
using Neuroslyn.Training;
using Neuroslyn.Weights;

namespace Neuroslyn.Benchmarks.Modes;

/// <summary>
/// <c>--accuracy FILE</c>: W3's training, one epoch from the W1 weights (the same start as pytorch_bench.py), then the
/// test accuracy, with one training thread and with two; also checks that both give bit-identical weights. Then the same
/// for W7's CNN (batch 64, from cnn.safetensors). Written as JSON for the table, next to PyTorch's accuracy after the
/// same epoch.
/// </summary>
public static class AccuracyCheck
{
    /// <summary>Trains, scores and writes <paramref name="path"/>; returns the exit code (1 when the thread counts disagree).</summary>
    public static int Run(string path)
    {
        BenchmarkData data = BenchmarkData.Load();
        (MlpNet one, double oneSeconds) = TrainEpoch(data, threads: 1);
        (MlpNet? two, double twoSeconds) = TrainingThreadsAvailable ? TrainEpoch(data, threads: 2) : (null, double.NaN);
        bool identical = two is null || MemoryMarshal.AsBytes(one.Parameters).SequenceEqual(MemoryMarshal.AsBytes(two.Parameters));
        bool cnnIdentical;

        using (FileStream stream = File.Create(path))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("data", data.Source);
            json.WriteString("order", BenchmarkData.OrderFingerprint);
            WriteAccuracy(json, "accuracy1Thread", one, data);
            json.WriteNumber("seconds1Thread", oneSeconds);
            if (two is not null)
            {
                WriteAccuracy(json, "accuracy2Threads", two, data);
                json.WriteNumber("seconds2Threads", twoSeconds);
                json.WriteBoolean("twoThreadsBitIdentical", identical);
            }

            cnnIdentical = WriteCnn(json, data);
            json.WriteEndObject();
        }

        Console.WriteLine(File.ReadAllText(path));
        if (!identical || !cnnIdentical)
        {
            Console.Error.WriteLine($"TrainingThreads = 2 did not give the same weights as 1 thread after one epoch ({(identical ? "" : "W3 ")}{(cnnIdentical ? "" : "W7")}).");
            return 1;
        }

        return 0;
    }

    /// <summary>W7: one epoch of the CNN at batch 64 on one thread and on two; returns whether their weights are bit-identical.</summary>
    private static bool WriteCnn(Utf8JsonWriter json, BenchmarkData data)
    {
        (CnnNet one, double oneSeconds) = TrainCnnEpoch(data, threads: 1);
        (CnnNet two, double twoSeconds) = TrainCnnEpoch(data, threads: 2);
        bool identical = MemoryMarshal.AsBytes(one.Parameters).SequenceEqual(MemoryMarshal.AsBytes(two.Parameters));
        WriteAccuracy(json, "w7Accuracy1Thread", one, data);
        json.WriteNumber("w7Seconds1Thread", oneSeconds);
        WriteAccuracy(json, "w7Accuracy2Threads", two, data);
        json.WriteNumber("w7Seconds2Threads", twoSeconds);
        json.WriteBoolean("w7TwoThreadsBitIdentical", identical);
        return identical;
    }

    private static (CnnNet Network, double Seconds) TrainCnnEpoch(BenchmarkData data, int threads)
    {
        CnnNet network = W7CnnTraining.LoadNetwork(threads);
        var clock = Stopwatch.StartNew();
        W7CnnTraining.TrainBatches(network, data, first: 0, W7CnnTraining.EpochBatches);
        return (network, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Whether this build has the generated <c>TrainingThreads</c> property (see <see cref="W3Training"/>).</summary>
    private static bool TrainingThreadsAvailable =>
#if TRAINING_THREADS
        true;
#else
        false;
#endif

    private static (MlpNet Network, double Seconds) TrainEpoch(BenchmarkData data, int threads)
    {
        var network = new MlpNet();
        WeightFile.Load(network, ModelFiles.Path("w1.safetensors"));
        W3Training.SetTrainingThreads(network, threads);
        var clock = Stopwatch.StartNew();
        for (int start = 0; start + W3Training.Batch <= data.Train.Count; start += W3Training.Batch)
        {
            network.TrainBatch(data.Train.Pixels.AsSpan(start * MlpNet.InputSize, W3Training.Batch * MlpNet.InputSize), data.Train.Labels.AsSpan(start, W3Training.Batch));
        }

        return (network, clock.Elapsed.TotalSeconds);
    }

    private static void WriteAccuracy<TNet>(Utf8JsonWriter json, string name, TNet network, BenchmarkData data)
        where TNet : ICompiledNetwork<TNet>
    {
        if (data.Test is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteNumber(name, Classification.Accuracy(network, data.Test.Pixels, data.Test.Labels));
    }
}
