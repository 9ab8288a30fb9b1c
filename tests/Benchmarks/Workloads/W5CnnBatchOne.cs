using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// W5: batch-1 inference of the CNN (<see cref="CnnNet"/>: two 3×3 convolutions with ReLU and 2×2 max pooling, then
/// 3136-128-10), one 1×28×28 image per call, by the network and by its frozen copy, against ONNX Runtime on the same
/// weights (PyTorch's time comes from peers/pytorch_bench.py).
/// </summary>
[BenchmarkCategory("W5")]
public class W5CnnBatchOne() : InferencePeers<CnnNet>("W5", "cnn", batch: 1, imageShape: ImageShape)
{
    /// <summary>One sample's shape, NCHW as PyTorch exported the model.</summary>
    internal static readonly long[] ImageShape = [1, 28, 28];

    /// <summary>
    /// FLOPs of one sample's forward pass: 2 per multiply-add of each convolution (every output pixel × kernel taps × in
    /// channels × filters, padded taps included, as a direct convolution counts them) and each dense layer. Pooling and
    /// ReLU are left out. About 8.5 MFLOP, the figure.
    /// </summary>
    public const long FlopsPerSample = 2L * ((28 * 28 * 9 * 1 * 32) + (14 * 14 * 9 * 32 * 64) + (3136 * 128) + (128 * 10));

    /// <summary>The generated code.</summary>
    [Benchmark(Baseline = true)]
    public void Neuroslyn() => Network.Predict(Inputs, Outputs);

    /// <summary>The generated code, frozen: weight panels packed once.</summary>
    [Benchmark]
    public void NeuroslynFrozen() => Frozen.Predict(Inputs, Outputs);

    /// <summary>ONNX Runtime, IOBinding, one thread.</summary>
    [Benchmark]
    public void OnnxRuntime() => Ort.Run();
}
