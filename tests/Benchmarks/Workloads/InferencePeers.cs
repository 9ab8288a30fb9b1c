using System;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Peers;
using Neuroslyn.Weights;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// What the inference workloads share: the generated network (and its frozen copy, bit for bit the same), plain scalar
/// loops (multilayer perceptrons only) and ONNX Runtime loaded with the same weights and inputs, and a setup that fails
/// unless they compute the same outputs. Each workload adds its [Benchmark] methods (and W1 the hand-written SIMD
/// reference).
/// </summary>
/// <typeparam name="TNet">The generated network the workload measures.</typeparam>
public abstract class InferencePeers<TNet> : IDisposable
    where TNet : class, ICompiledNetwork<TNet>, ITrainingState
{
    private readonly string _workload;
    private readonly string _model;
    private readonly long[]? _imageShape;

    /// <param name="workload">The workload's name in agreement messages ("W1").</param>
    /// <param name="model">The model files' name in the models folder ("w1" for w1.onnx and w1.safetensors).</param>
    /// <param name="batch">Samples per call.</param>
    /// <param name="imageShape">
    /// For an image network, one sample's <c>[channels, height, width]</c>: ONNX Runtime is then bound to an NCHW input,
    /// and there is no scalar peer (<see cref="Layers"/> stays empty: the peers written here are multilayer perceptrons).
    /// </param>
    protected InferencePeers(string workload, string model, int batch, long[]? imageShape = null)
    {
        (_workload, _model, _imageShape) = (workload, model, imageShape);
        Inputs = new float[batch * TNet.InputSize];
        Outputs = new float[batch * TNet.OutputSize];
    }

    /// <summary>The inputs of one call (batch × inputs).</summary>
    protected float[] Inputs { get; }

    /// <summary>Where each implementation writes its outputs.</summary>
    protected float[] Outputs { get; }

    /// <summary>The generated network, with the model's weights.</summary>
    protected TNet Network { get; private set; } = null!;

    /// <summary>The network frozen (<c>Freeze()</c>): weight panels packed once, bit-identical outputs.</summary>
    protected IFrozenNetwork Frozen { get; private set; } = null!;

    /// <summary>The layers as read from the ONNX file, for the peers written here; empty for an image network.</summary>
    protected DenseLayer[] Layers { get; private set; } = [];

    /// <summary>Plain scalar loops over the same weights; null for an image network.</summary>
    protected ScalarMlp ScalarPeer { get; private set; } = null!;

    /// <summary>ONNX Runtime with IOBinding over <see cref="OrtPeer.Input"/>, one thread.</summary>
    protected OrtPeer Ort { get; private set; } = null!;

    /// <summary>Loads the same weights into every implementation and checks that they agree on the inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Network = TNet.Create(0);
        WeightFile.Load(Network, ModelFiles.Path(_model + ".safetensors"));
        int rows = Inputs.Length / TNet.InputSize;
        if (_imageShape is null)
        {
            Layers = DenseModel.Load(ModelFiles.Path(_model + ".onnx"));
            ScalarPeer = new ScalarMlp(Layers);
            Ort = new OrtPeer(ModelFiles.Path(_model + ".onnx"), rows, TNet.InputSize, TNet.OutputSize);
        }
        else
        {
            Ort = new OrtPeer(ModelFiles.Path(_model + ".onnx"), rows, _imageShape, TNet.OutputSize);
        }

        FillInputs(Inputs);
        Inputs.CopyTo(Ort.Input, 0);

        var expected = new float[Outputs.Length];
        var actual = new float[Outputs.Length];
        Network.PredictBatch(Inputs, expected);
        Frozen = Network.Freeze();
        Frozen.PredictBatch(Inputs, actual);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            throw new InvalidOperationException($"{_workload}: the frozen network's outputs differ from the network's.");
        }

        if (ScalarPeer is not null)
        {
            ScalarPeer.PredictBatch(Inputs, actual);
            Agreement.Check($"{_workload} scalar C#", expected, actual);
        }

        Ort.Run();
        Agreement.Check($"{_workload} ONNX Runtime", expected, Ort.Output);
        SetupMorePeers(expected);
    }

    /// <inheritdoc/>
    [GlobalCleanup]
    public void Dispose()
    {
        Ort?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The inputs: uniform in [0, 1) from a fixed seed, unless a workload chooses others.</summary>
    protected virtual void FillInputs(float[] inputs)
    {
        var random = new Random(1);
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSingle();
        }
    }

    /// <summary>Sets up and checks peers beyond the three every workload has, against the network's outputs.</summary>
    protected virtual void SetupMorePeers(float[] expected)
    {
    }
}
