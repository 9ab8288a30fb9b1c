using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>W4: batch-1 inference of the tiny 2-16-16-1 tanh network, where per-call overhead is everything.</summary>
[BenchmarkCategory("W4")]
public class W4Tiny() : InferencePeers<TinyNet>("W4", "w4", batch: 1)
{
    /// <summary>A fixed sample inside the tanh layers' working range.</summary>
    protected override void FillInputs(float[] inputs) => ((float[])[0.25f, -0.75f]).CopyTo(inputs, 0);

    /// <summary>The generated code.</summary>
    [Benchmark(Baseline = true)]
    public void Neuroslyn() => Network.Predict(Inputs, Outputs);

    /// <summary>Plain scalar loops.</summary>
    [Benchmark]
    public void Scalar() => ScalarPeer.Predict(Inputs, Outputs);

    /// <summary>ONNX Runtime, IOBinding, one thread.</summary>
    [Benchmark]
    public void OnnxRuntime() => Ort.Run();
}
