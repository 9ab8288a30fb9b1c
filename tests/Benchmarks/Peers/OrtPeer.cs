using System;
using Microsoft.ML.OnnxRuntime;

namespace Neuroslyn.Benchmarks.Peers;

/// <summary>
/// ONNX Runtime as a .NET developer would tune it for latency: one intra-op and one inter-op thread, sequential
/// execution, all graph optimisations, and an IOBinding over OrtValues that wrap preallocated managed arrays (pinned
/// by ONNX Runtime for the values' lifetime), so a run copies nothing and allocates no tensors.
/// </summary>
public sealed class OrtPeer : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;

    /// <summary>Loads <paramref name="modelPath"/> and binds <paramref name="rows"/> x <paramref name="inputs"/> in, <paramref name="rows"/> x <paramref name="outputs"/> out.</summary>
    public OrtPeer(string modelPath, int rows, int inputs, int outputs)
        : this(modelPath, rows, [inputs], outputs)
    {
    }

    /// <summary>
    /// Loads <paramref name="modelPath"/> and binds <paramref name="rows"/> samples of shape <paramref name="sampleShape"/>
    /// in (an image network's <c>[channels, height, width]</c>: the input is NCHW, as PyTorch exported it),
    /// <paramref name="rows"/> x <paramref name="outputs"/> out.
    /// </summary>
    public OrtPeer(string modelPath, int rows, long[] sampleShape, int outputs)
    {
        long inputs = 1;
        foreach (long extent in sampleShape)
        {
            inputs *= extent;
        }

        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(modelPath, _options);
        _runOptions = new RunOptions();
        Input = new float[rows * inputs];
        Output = new float[rows * outputs];
        _input = OrtValue.CreateTensorValueFromMemory(Input, [rows, .. sampleShape]);
        _output = OrtValue.CreateTensorValueFromMemory(Output, [rows, outputs]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput("input", _input);
        _binding.BindOutput("output", _output);
    }

    /// <summary>The bound input: write the batch here before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The bound output: <see cref="Run"/> writes here.</summary>
    public float[] Output { get; }

    /// <summary>Runs the model on <see cref="Input"/> into <see cref="Output"/>.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <inheritdoc/>
    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
