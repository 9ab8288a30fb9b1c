using System;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Benchmarks.Peers;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// W1: batch-1 inference of 784-128-64-10 (ReLU, ReLU, logits), one call per operation, by the network and by its
/// frozen copy.
/// </summary>
[BenchmarkCategory("W1")]
public class W1BatchOne() : InferencePeers<MlpNet>("W1", "w1", batch: 1)
{
    private SimdMlp _simd = null!;

    /// <summary>The generated code.</summary>
    [Benchmark(Baseline = true)]
    public void Neuroslyn() => Network.Predict(Inputs, Outputs);

    /// <summary>The generated code, frozen: a sample's tiles read weight panels packed once, one stream each.</summary>
    [Benchmark]
    public void NeuroslynFrozen() => Frozen.Predict(Inputs, Outputs);

    /// <summary>Plain scalar loops.</summary>
    [Benchmark]
    public void Scalar() => ScalarPeer.Predict(Inputs, Outputs);

    /// <summary>The hand-written SIMD reference in the widest accelerated width.</summary>
    [Benchmark]
    public void HandWrittenSimd() => _simd.Predict(Inputs, Outputs);

    /// <summary>ONNX Runtime, IOBinding, one thread.</summary>
    [Benchmark]
    public void OnnxRuntime() => Ort.Run();

    /// <summary>Adds the hand-written SIMD reference, checked against the network too.</summary>
    protected override void SetupMorePeers(float[] expected)
    {
        _simd = new SimdMlp(Layers);
        Console.WriteLine($"// SIMD reference width: {SimdMlp.Width}");
        var actual = new float[expected.Length];
        _simd.Predict(Inputs, actual);
        Agreement.Check($"W1 hand-written {SimdMlp.Width}", expected, actual);
    }
}
