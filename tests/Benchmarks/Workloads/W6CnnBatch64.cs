using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// W6: the W5 CNN at batch 64 (PredictBatch), one batch per operation, so the table divides by <see cref="Batch"/> for
/// the time per sample: the network, its frozen copy and ONNX Runtime on the same weights.
/// </summary>
[BenchmarkCategory("W6")]
public class W6CnnBatch64() : InferencePeers<CnnNet>("W6", "cnn", Batch, W5CnnBatchOne.ImageShape)
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 64;

    /// <summary>The generated code.</summary>
    [Benchmark(Baseline = true)]
    public void Neuroslyn() => Network.PredictBatch(Inputs, Outputs);

    /// <summary>The generated code, frozen: weight panels packed once.</summary>
    [Benchmark]
    public void NeuroslynFrozen() => Frozen.PredictBatch(Inputs, Outputs);

    /// <summary>ONNX Runtime, IOBinding, one thread.</summary>
    [Benchmark]
    public void OnnxRuntime() => Ort.Run();
}
