using System;
using System.Collections.Generic;
using System.IO;
using Google.Protobuf;
using Onnx;

namespace Neuroslyn.Weights.Onnx;

/// <summary>Adds a network's layers to an ONNX graph: nodes, and the weights as initializers in PyTorch's layout.</summary>
internal sealed class OnnxGraph(GraphProto graph, INetwork network)
{
    /// <summary>A <c>[batch, columns]</c> float value, the batch dimension symbolic.</summary>
    public static ValueInfoProto FloatMatrix(string name, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    /// <summary><c>Gemm(x, W, b, transB = 1)</c>, then the activation; returns the output's name.</summary>
    public string Dense(DenseLayerInfo dense, string input, Dictionary<(int Layer, TensorRole Role), TensorInfo> tensors)
    {
        TensorInfo weight = tensors[(dense.Index, TensorRole.Weight)];
        var inputs = new List<string> { input, Initializer(weight, network.Parameters) };
        if (dense.UseBias)
        {
            inputs.Add(Initializer(tensors[(dense.Index, TensorRole.Bias)], network.Parameters));
        }

        string output = $"{dense.Name}.gemm";
        NodeProto gemm = Node("Gemm", dense.Name + ".Gemm", inputs, output);
        gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        return Activation(dense.Name, dense.Activation, dense.LeakySlope, output);
    }

    /// <summary><c>BatchNormalization(x, scale, bias, mean, var)</c> with the running statistics, then the activation.</summary>
    public string BatchNorm(BatchNormLayerInfo norm, string input, Dictionary<(int Layer, TensorRole Role), TensorInfo> tensors)
    {
        var inputs = new List<string>
        {
            input,
            Initializer(tensors[(norm.Index, TensorRole.Scale)], network.Parameters),
            Initializer(tensors[(norm.Index, TensorRole.Shift)], network.Parameters),
            Initializer(tensors[(norm.Index, TensorRole.RunningMean)], network.Buffers),
            Initializer(tensors[(norm.Index, TensorRole.RunningVariance)], network.Buffers),
        };
        string output = $"{norm.Name}.batchnorm";
        NodeProto node = Node("BatchNormalization", norm.Name + ".BatchNormalization", inputs, output);
        node.Attribute.Add(new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = norm.Epsilon });

        // ONNX's momentum weighs the old running value (PyTorch's 1 - momentum); unused in inference, kept for fidelity.
        node.Attribute.Add(new AttributeProto { Name = "momentum", Type = AttributeProto.Types.AttributeType.Float, F = 1f - norm.Momentum });
        return Activation(norm.Name, norm.Activation, norm.LeakySlope, output);
    }

    /// <summary>Names the last value <paramref name="output"/> with an <c>Identity</c> node.</summary>
    public void Identity(string input, string output) => Node("Identity", "output.Identity", [input], output);

    private string Activation(string layer, Activation activation, float leakySlope, string input)
    {
        if (activation == Neuroslyn.Activation.Linear)
        {
            return input;
        }

        string op = activation switch
        {
            Neuroslyn.Activation.ReLU => "Relu",
            Neuroslyn.Activation.LeakyReLU => "LeakyRelu",
            Neuroslyn.Activation.Sigmoid => "Sigmoid",
            Neuroslyn.Activation.Tanh => "Tanh",
            Neuroslyn.Activation.Softmax => "Softmax",
            _ => throw new NotSupportedException($"Layer {layer}: the activation {activation} has no ONNX export."),
        };
        string output = $"{layer}.{op.ToLowerInvariant()}";
        NodeProto node = Node(op, $"{layer}.{op}", [input], output);
        if (activation == Neuroslyn.Activation.LeakyReLU)
        {
            node.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = leakySlope });
        }
        else if (activation == Neuroslyn.Activation.Softmax)
        {
            node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        }

        return output;
    }

    private NodeProto Node(string op, string name, IEnumerable<string> inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        graph.Node.Add(node);
        return node;
    }

    /// <summary>Adds the tensor as a float initializer in PyTorch's layout and returns its name.</summary>
    private string Initializer(TensorInfo tensor, ReadOnlySpan<float> storage)
    {
        ReadOnlySpan<float> values = storage.Slice(tensor.Offset, tensor.Length);
        using var bytes = new MemoryStream(tensor.Length * sizeof(float));
        if (tensor.IsTransposed)
        {
            int rows = tensor.Shape[0], columns = tensor.Shape[1];
            var row = new float[columns];
            for (int r = 0; r < rows; r++)
            {
                TensorLayout.TorchRow(values, rows, columns, r, row);
                LittleEndian.Write(bytes, row);
            }
        }
        else
        {
            LittleEndian.Write(bytes, values);
        }

        var initializer = new TensorProto
        {
            Name = tensor.Name,
            DataType = (int)TensorProto.Types.DataType.Float,
            RawData = ByteString.CopyFrom(bytes.GetBuffer(), 0, (int)bytes.Length),
        };
        foreach (int dimension in tensor.Shape)
        {
            initializer.Dims.Add(dimension);
        }

        graph.Initializer.Add(initializer);
        return tensor.Name;
    }
}
