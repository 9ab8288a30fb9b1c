using System;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Benchmarks.Peers;
using Neuroslyn.Weights;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>W2: the W1 network at batch 64 (PredictBatch), one batch per operation.</summary>
[BenchmarkCategory("W2")]
public class W2Batch64 : IDisposable
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 64;

    /// <summary>FLOPs of one batch: 2 per multiply-add of each layer's matrix product.</summary>
    public const long Flops = 2L * Batch * ((784 * 128) + (128 * 64) + (64 * 10));

    private readonly float[] _inputs = new float[Batch * MlpNet.InputSize];
    private readonly float[] _outputs = new float[Batch * MlpNet.OutputSize];
    private MlpNet _network = null!;
    private ScalarMlp _scalar = null!;
    private OrtPeer _ort = null!;

    /// <summary>Loads the same weights into every implementation and checks that they agree on the whole batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DenseLayer[] layers = DenseModel.Load(ModelFiles.Path("w1.onnx"));
        _network = new MlpNet();
        WeightFile.Load(_network, ModelFiles.Path("w1.safetensors"));
        _scalar = new ScalarMlp(layers);
        _ort = new OrtPeer(ModelFiles.Path("w1.onnx"), Batch, MlpNet.InputSize, MlpNet.OutputSize);
        var random = new Random(2);
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = random.NextSingle();
        }

        _inputs.CopyTo(_ort.Input, 0);
        var expected = new float[_outputs.Length];
        var actual = new float[_outputs.Length];
        _network.PredictBatch(_inputs, expected);
        _scalar.PredictBatch(_inputs, actual);
        Agreement.Check("W2 scalar C#", expected, actual);
        _ort.Run();
        Agreement.Check("W2 ONNX Runtime", expected, _ort.Output);
    }

    /// <summary>The generated code.</summary>
    [Benchmark(Baseline = true)]
    public void Neuroslyn() => _network.PredictBatch(_inputs, _outputs);

    /// <summary>Plain scalar loops, sample by sample.</summary>
    [Benchmark]
    public void Scalar() => _scalar.PredictBatch(_inputs, _outputs);

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
