using System;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Benchmarks.Peers;
using Neuroslyn.Weights;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// W3: training 784-128-64-10 (softmax cross-entropy, Adam lr 1e-3, batch 32). One operation is one sample, so the
/// mean time is seconds per sample and samples/s is its inverse; the generated network runs a whole epoch (60,000
/// samples) per invocation, the scalar peer 100 batches (it is tens of times slower and the suite must stay short).
/// Allocations are per sample over whole epochs after a warm-up step, so they show the steady state.
/// </summary>
[BenchmarkCategory("W3")]
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1)]
public class W3Training
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 32;

    /// <summary>Samples the scalar peer trains per invocation.</summary>
    public const int ScalarSamples = 100 * Batch;

    private BenchmarkData _data = null!;
    private MlpNet _oneThread = null!;
#if TRAINING_THREADS
    private MlpNet _twoThreads = null!;
#endif
    private ScalarTrainer _scalar = null!;

    /// <summary>Loads the data and the W1 weights; one warm-up step each so buffers are allocated before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Load();
        Console.WriteLine($"// W3 data: {_data.Source}");
        _oneThread = LoadNetwork(threads: 1);
#if TRAINING_THREADS
        _twoThreads = LoadNetwork(threads: 2);
#endif
        _scalar = new ScalarTrainer(DenseModel.Load(ModelFiles.Path("w1.onnx")), Batch, learningRate: 1e-3f);
        ReadOnlySpan<float> inputs = _data.Train.Pixels.AsSpan(0, Batch * MlpNet.InputSize);
        ReadOnlySpan<int> targets = _data.Train.Labels.AsSpan(0, Batch);
        _oneThread.TrainBatch(inputs, targets);
#if TRAINING_THREADS
        _twoThreads.TrainBatch(inputs, targets);
#endif
        _scalar.TrainBatch(inputs, targets);
    }

    /// <summary>One epoch of the generated code, one training thread.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkData.EpochSamples)]
    public float Neuroslyn1Thread() => Epoch(_oneThread, BenchmarkData.EpochSamples);

#if TRAINING_THREADS
    /// <summary>One epoch of the generated code, the batch's matrix products split over two threads.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.EpochSamples)]
    public float Neuroslyn2Threads() => Epoch(_twoThreads, BenchmarkData.EpochSamples);
#endif

    /// <summary>100 batches of plain scalar training.</summary>
    [Benchmark(OperationsPerInvoke = ScalarSamples)]
    public float Scalar()
    {
        float loss = 0;
        for (int start = 0; start < ScalarSamples; start += Batch)
        {
            loss += _scalar.TrainBatch(_data.Train.Pixels.AsSpan(start * MlpNet.InputSize, Batch * MlpNet.InputSize), _data.Train.Labels.AsSpan(start, Batch));
        }

        return loss;
    }

    private float Epoch(MlpNet network, int samples)
    {
        float loss = 0;
        float[] pixels = _data.Train.Pixels;
        int[] labels = _data.Train.Labels;
        for (int start = 0; start + Batch <= samples; start += Batch)
        {
            loss += network.TrainBatch(pixels.AsSpan(start * MlpNet.InputSize, Batch * MlpNet.InputSize), labels.AsSpan(start, Batch));
        }

        return loss;
    }

    private static MlpNet LoadNetwork(int threads)
    {
        var network = new MlpNet();
        WeightFile.Load(network, ModelFiles.Path("w1.safetensors"));
        SetTrainingThreads(network, threads);
        return network;
    }

    /// <summary>Sets the generated <c>TrainingThreads</c> property (1 = single-threaded, 2 = the batch's products on two threads).</summary>
    internal static void SetTrainingThreads(MlpNet network, int threads)
    {
#if TRAINING_THREADS
        network.TrainingThreads = threads;
#else
        // TRAINING_THREADS is defined in the .csproj (NeuroslynTrainingThreads) once the generator emits TrainingThreads;
        // until then asking for two threads must fail loudly rather than measure one thread under the wrong name.
        if (threads != 1)
        {
            throw new NotSupportedException($"This build of {nameof(MlpNet)} has no TrainingThreads property (TRAINING_THREADS is not defined).");
        }

        _ = network;
#endif
    }
}
