using System;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Benchmarks.Peers;
using Neuroslyn.Weights;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>W1: batch-1 inference of 784-128-64-10 (ReLU, ReLU, logits), one call per operation.</summary>
[BenchmarkCategory("W1")]
public class W1BatchOne : IDisposable
{
    private readonly float[] _input = new float[MlpNet.InputSize];
    private readonly float[] _output = new float[MlpNet.OutputSize];
    private MlpNet _network = null!;
    private ScalarMlp _scalar = null!;
    private SimdMlp _simd = null!;
    private OrtPeer _ort = null!;

    /// <summary>Loads the same weights into every implementation and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DenseLayer[] layers = DenseModel.Load(ModelFiles.Path("w1.onnx"));
        _network = new MlpNet();
        WeightFile.Load(_network, ModelFiles.Path("w1.safetensors"));
        _scalar = new ScalarMlp(layers);
        _simd = new SimdMlp(layers);
        _ort = new OrtPeer(ModelFiles.Path("w1.onnx"), 1, MlpNet.InputSize, MlpNet.OutputSize);
        var random = new Random(1);
        for (int i = 0; i < _input.Length; i++)
        {
            _input[i] = random.NextSingle();
        }

        _input.CopyTo(_ort.Input, 0);
        Console.WriteLine($"// SIMD reference width: {SimdMlp.Width}");

        var expected = new float[MlpNet.OutputSize];
        var actual = new float[MlpNet.OutputSize];
        _network.Predict(_input, expected);
        _scalar.Predict(_input, actual);
        Agreement.Check("W1 scalar C#", expected, actual);
        _simd.Predict(_input, actual);
        Agreement.Check($"W1 hand-written {SimdMlp.Width}", expected, actual);
        _ort.Run();
        Agreement.Check("W1 ONNX Runtime", expected, _ort.Output);
    }

    /// <summary>The generated code.</summary>
    [Benchmark(Baseline = true)]
    public void Neuroslyn() => _network.Predict(_input, _output);

    /// <summary>Plain scalar loops.</summary>
    [Benchmark]
    public void Scalar() => _scalar.Predict(_input, _output);

    /// <summary>The hand-written SIMD reference in the widest accelerated width.</summary>
    [Benchmark]
    public void HandWrittenSimd() => _simd.Predict(_input, _output);

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
