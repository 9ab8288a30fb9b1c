using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// W2: the W1 network at batch 64 (PredictBatch), one batch per operation: the network itself, which copies its weight
/// panels on every call, and its frozen copy (<c>Freeze()</c>), which packed them once, as ONNX Runtime does when a
/// session loads.
/// </summary>
[BenchmarkCategory("W2")]
public class W2Batch64() : InferencePeers<MlpNet>("W2", "w1", Batch)
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 64;

    /// <summary>FLOPs of one batch: 2 per multiply-add of each layer's matrix product.</summary>
    public const long Flops = 2L * Batch * ((784 * 128) + (128 * 64) + (64 * 10));

    /// <summary>The generated code.</summary>
    [Benchmark(Baseline = true)]
    public void Neuroslyn() => Network.PredictBatch(Inputs, Outputs);

    /// <summary>The generated code, frozen: weight panels packed once.</summary>
    [Benchmark]
    public void NeuroslynFrozen() => Frozen.PredictBatch(Inputs, Outputs);

    /// <summary>Plain scalar loops, sample by sample.</summary>
    [Benchmark]
    public void Scalar() => ScalarPeer.PredictBatch(Inputs, Outputs);

    /// <summary>ONNX Runtime, IOBinding, one thread.</summary>
    [Benchmark]
    public void OnnxRuntime() => Ort.Run();
}
