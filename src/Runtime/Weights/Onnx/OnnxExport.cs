using System;
using System.Collections.Generic;
using System.IO;
using Google.Protobuf;
using Onnx;

namespace Neuroslyn.Weights.Onnx;

/// <summary>
/// Exports a generated network for inference as an ONNX model (opset 17): each dense layer a <c>Gemm</c> with its
/// weight as an <c>[out, in]</c> initializer and <c>transB = 1</c> (as <c>torch.onnx.export</c> writes
/// <c>nn.Linear</c>), each BatchNorm a <c>BatchNormalization</c> with its running statistics, each activation its
/// operator (<c>Relu</c>, <c>LeakyRelu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>Softmax</c>); dropout is left out, as in
/// inference; convolutions are <c>Conv</c>, pooling <c>MaxPool</c>, <c>AveragePool</c> or <c>GlobalAveragePool</c>, and
/// <c>Flatten</c> is <c>Flatten</c>. The model computes what <see cref="INetwork.PredictBatch"/> does: input <c>input</c>
/// <c>[batch, InputSize]</c> (<c>[batch, channels, height, width]</c> for an image network, in the same order), output <c>output</c> <c>[batch, OutputSize]</c>, initializers named as in the weight
/// files (<c>0.weight</c>).
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the model declares.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version the model declares (the one of opset 17).</summary>
    public const long IrVersion = 8;

    /// <summary>Name of the model's input.</summary>
    public const string InputName = "input";

    /// <summary>Name of the model's output.</summary>
    public const string OutputName = "output";

    /// <summary>Saves the ONNX model of <paramref name="network"/> to <paramref name="path"/>, atomically replacing any file there.</summary>
    public static void Save<TNet>(TNet network, string path)
        where TNet : ICompiledNetwork<TNet>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelProto model = ToModel(network);
        AtomicFile.Write(path, model.WriteTo);
    }

    /// <summary>Writes the ONNX model of <paramref name="network"/> to <paramref name="stream"/>.</summary>
    public static void Write<TNet>(TNet network, Stream stream)
        where TNet : ICompiledNetwork<TNet>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        ToModel(network).WriteTo(stream);
    }

    /// <summary>The ONNX model of <paramref name="network"/> as bytes.</summary>
    public static byte[] ToBytes<TNet>(TNet network)
        where TNet : ICompiledNetwork<TNet>
    {
        ArgumentNullException.ThrowIfNull(network);
        return ToModel(network).ToByteArray();
    }

    /// <summary>The ONNX model of <paramref name="network"/>, for callers that want to edit it before writing.</summary>
    public static ModelProto ToModel<TNet>(TNet network)
        where TNet : ICompiledNetwork<TNet>
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = new GraphProto { Name = typeof(TNet).Name };
        graph.Input.Add(OnnxGraph.FloatTensor(InputName, TNet.Layers[0].InputShape));
        graph.Output.Add(OnnxGraph.FloatTensor(OutputName, [TNet.OutputSize]));

        var tensors = new Dictionary<(int Layer, TensorRole Role), TensorInfo>();
        foreach (TensorInfo tensor in TNet.Tensors)
        {
            tensors[(tensor.Layer, tensor.Role)] = tensor;
        }

        var builder = new OnnxGraph(graph, network, tensors);
        string current = InputName;
        foreach (LayerInfo layer in TNet.Layers)
        {
            current = layer.AddOnnxNodes(builder, current);
        }

        builder.Identity(current, OutputName);

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Neuroslyn",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? string.Empty,
            DocString = $"{typeof(TNet).FullName}: {TNet.InputSize} inputs, {TNet.Layers.Count} layers, {TNet.OutputSize} outputs; exported for inference (dropout off, BatchNorm running statistics).",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        return model;
    }
}
