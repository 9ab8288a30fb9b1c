using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Onnx;

namespace Neuroslyn.Benchmarks.Peers;

/// <summary>The activation after a dense layer, as the peers implement it.</summary>
public enum PeerActivation
{
    /// <summary>No activation (logits or a regression output).</summary>
    Linear,

    /// <summary>max(0, x).</summary>
    ReLU,

    /// <summary>tanh(x).</summary>
    Tanh,
}

/// <summary>One dense layer in PyTorch's layout: <c>Weight[out, in]</c> row-major, <c>Bias[out]</c>.</summary>
public sealed record DenseLayer(int Inputs, int Outputs, float[] Weight, float[] Bias, PeerActivation Activation);

/// <summary>
/// A multilayer perceptron read from the ONNX file that peers/make_onnx.py wrote: the same numbers ONNX Runtime runs and
/// the generated network loads from the matching safetensors file. Reading the ONNX initializers (instead of the
/// generated network's <c>Parameters</c>) keeps the peers independent of how the generator lays out or packs weights.
/// </summary>
public static class DenseModel
{
    /// <summary>The dense layers of the Gemm/Relu/Tanh chain in <paramref name="path"/>, in order.</summary>
    public static DenseLayer[] Load(string path)
    {
        ModelProto model;
        using (FileStream stream = File.OpenRead(path))
        {
            model = ModelProto.Parser.ParseFrom(stream);
        }

        var initializers = new Dictionary<string, TensorProto>();
        foreach (TensorProto tensor in model.Graph.Initializer)
        {
            initializers[tensor.Name] = tensor;
        }

        var layers = new List<DenseLayer>();
        foreach (NodeProto node in model.Graph.Node)
        {
            switch (node.OpType)
            {
                case "Gemm":
                    TensorProto weight = initializers[node.Input[1]];
                    TensorProto bias = initializers[node.Input[2]];
                    RequireTransB(node, path);
                    layers.Add(new DenseLayer((int)weight.Dims[1], (int)weight.Dims[0], Floats(weight), Floats(bias), PeerActivation.Linear));
                    break;
                case "Relu":
                    layers[^1] = layers[^1] with { Activation = PeerActivation.ReLU };
                    break;
                case "Tanh":
                    layers[^1] = layers[^1] with { Activation = PeerActivation.Tanh };
                    break;
                default:
                    throw new InvalidDataException($"{path}: operator {node.OpType} is not part of a dense chain the peers implement.");
            }
        }

        return layers.ToArray();
    }

    private static void RequireTransB(NodeProto node, string path)
    {
        foreach (AttributeProto attribute in node.Attribute)
        {
            if (attribute.Name == "transB" && attribute.I == 1)
            {
                return;
            }
        }

        throw new InvalidDataException($"{path}: Gemm {node.Name} is not Linear's Gemm(transB=1).");
    }

    private static float[] Floats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"Initializer {tensor.Name} is not float32.");
        }

        if (!tensor.RawData.IsEmpty)
        {
            return MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
        }

        var values = new float[tensor.FloatData.Count];
        tensor.FloatData.CopyTo(values, 0);
        return values;
    }
}
