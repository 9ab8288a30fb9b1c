using System;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Weights;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// W7: training the W5 CNN (softmax cross-entropy, Adam lr 1e-3, batch 64) on one and on two training threads. One
/// operation is one sample, so the mean time is seconds per sample and samples/s is its inverse. An epoch takes tens of
/// seconds here, so an invocation is a segment of <see cref="SegmentBatches"/> batches, each continuing through the
/// shuffled epoch where the last one stopped (pytorch_bench.py times PyTorch over segments of the same size); the
/// accuracy after a whole epoch is <c>--accuracy</c>'s. Allocations are per sample after a warm-up step, so they show
/// the steady state.
/// </summary>
[BenchmarkCategory("W7")]
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1)]
public class W7CnnTraining
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 64;

    /// <summary>Batches per timed segment (pytorch_bench.py's W7_SEGMENT_BATCHES).</summary>
    public const int SegmentBatches = 100;

    /// <summary>Samples per timed segment.</summary>
    public const int SegmentSamples = SegmentBatches * Batch;

    /// <summary>Whole batches in an epoch of Fashion-MNIST (the last 32 samples are left out, as in PyTorch's loop).</summary>
    public const int EpochBatches = BenchmarkData.EpochSamples / Batch;

    private BenchmarkData _data = null!;
    private CnnNet _oneThread = null!;
    private CnnNet _twoThreads = null!;
    private int _nextBatchOne;
    private int _nextBatchTwo;

    /// <summary>Loads the data and the CNN's weights; one warm-up step each so buffers are allocated before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Load();
        Console.WriteLine($"// W7 data: {_data.Source}");
        _oneThread = LoadNetwork(threads: 1);
        _twoThreads = LoadNetwork(threads: 2);
        ReadOnlySpan<float> inputs = _data.Train.Pixels.AsSpan(0, Batch * CnnNet.InputSize);
        ReadOnlySpan<int> targets = _data.Train.Labels.AsSpan(0, Batch);
        _oneThread.TrainBatch(inputs, targets);
        _twoThreads.TrainBatch(inputs, targets);
    }

    /// <summary>A segment of the generated code's training, one training thread.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SegmentSamples)]
    public float Neuroslyn1Thread() => Segment(_oneThread, ref _nextBatchOne);

    /// <summary>A segment of the generated code's training, the batch's products split over two threads.</summary>
    [Benchmark(OperationsPerInvoke = SegmentSamples)]
    public float Neuroslyn2Threads() => Segment(_twoThreads, ref _nextBatchTwo);

    /// <summary>The CNN with the weights of peers/make_onnx.py's cnn.safetensors (PyTorch's start too).</summary>
    internal static CnnNet LoadNetwork(int threads)
    {
        var network = new CnnNet();
        WeightFile.Load(network, ModelFiles.Path("cnn.safetensors"));
        network.TrainingThreads = threads;
        return network;
    }

    /// <summary>Trains batch <paramref name="first"/> and the ones after it up to <paramref name="count"/> batches, wrapping at the epoch's end.</summary>
    internal static float TrainBatches(CnnNet network, BenchmarkData data, int first, int count)
    {
        float loss = 0;
        float[] pixels = data.Train.Pixels;
        int[] labels = data.Train.Labels;
        for (int i = 0; i < count; i++)
        {
            int start = ((first + i) % EpochBatches) * Batch;
            loss += network.TrainBatch(pixels.AsSpan(start * CnnNet.InputSize, Batch * CnnNet.InputSize), labels.AsSpan(start, Batch));
        }

        return loss;
    }

    private float Segment(CnnNet network, ref int nextBatch)
    {
        float loss = TrainBatches(network, _data, nextBatch, SegmentBatches);
        nextBatch = (nextBatch + SegmentBatches) % EpochBatches;
        return loss;
    }
}
