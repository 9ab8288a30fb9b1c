using System;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Benchmarks.Peers;
using Neuroslyn.Weights;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>W4: batch-1 inference of the tiny 2-16-16-1 tanh network, where per-call overhead is everything.</summary>
[BenchmarkCategory("W4")]
public class W4Tiny : IDisposable
{
    private readonly float[] _input = [0.25f, -0.75f];
    private readonly float[] _output = new float[TinyNet.OutputSize];
    private TinyNet _network = null!;
    private ScalarMlp _scalar = null!;
    private OrtPeer _ort = null!;

    /// <summary>Loads the same weights into every implementation and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DenseLayer[] layers = DenseModel.Load(ModelFiles.Path("w4.onnx"));
        _network = new TinyNet();
        WeightFile.Load(_network, ModelFiles.Path("w4.safetensors"));
        _scalar = new ScalarMlp(layers);
        _ort = new OrtPeer(ModelFiles.Path("w4.onnx"), 1, TinyNet.InputSize, TinyNet.OutputSize);
        _input.CopyTo(_ort.Input, 0);
        var expected = new float[TinyNet.OutputSize];
        var actual = new float[TinyNet.OutputSize];
        _network.Predict(_input, expected);
        _scalar.Predict(_input, actual);
        Agreement.Check("W4 scalar C#", expected, actual);
        _ort.Run();
        Agreement.Check("W4 ONNX Runtime", expected, _ort.Output);
    }

    /// <summary>The generated code.</summary>
    [Benchmark(Baseline = true)]
    public void Neuroslyn() => _network.Predict(_input, _output);

    /// <summary>Plain scalar loops.</summary>
    [Benchmark]
    public void Scalar() => _scalar.Predict(_input, _output);

    /// <summary>ONNX Runtime, IOBinding, one thread.</summary>
    [Benchmark]
    public void OnnxRuntime() => _ort.Run();

    /// <inheritdoc/>
    [GlobalCleanup]
    public void Dispose()
    {
        _ort?.Dispose();
        GC.SuppressFinalize(this);
    }
}
