using System;
using System.Collections.Generic;
using System.IO;
using Google.Protobuf;
using Onnx;

namespace Neuroslyn.Weights.Onnx;

/// <summary>Adds a network's layers to an ONNX graph: nodes, and the weights as initializers in PyTorch's layout.</summary>
internal sealed class OnnxGraph(GraphProto graph, INetwork network, IReadOnlyDictionary<(int Layer, TensorRole Role), TensorInfo> tensors)
{
    /// <summary>A float value of <c>[batch, ...dimensions]</c>, the batch dimension symbolic: <c>[batch, 784]</c>, <c>[batch, 1, 28, 28]</c>.</summary>
    public static ValueInfoProto FloatTensor(string name, IReadOnlyList<int> dimensions)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (int dimension in dimensions)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dimension });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    /// <summary>Sets the ints attribute <paramref name="name"/> of <paramref name="node"/>.</summary>
    public static void Ints(NodeProto node, string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        node.Attribute.Add(attribute);
    }

    /// <summary><c>Flatten(axis = 1)</c> after <paramref name="input"/>; returns the name of its output.</summary>
    public string Flatten(string layer, string input)
    {
        string output = $"{layer}.flatten";
        NodeProto node = Node("Flatten", $"{layer}.Flatten", [input], output);
        node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        return output;
    }

    /// <summary>Values that later layers read again (a residual block's input), by the layer that kept them.</summary>
    private readonly Dictionary<int, string> _kept = [];

    /// <summary>Remembers <paramref name="value"/> for a later layer (a residual block's input for its sum).</summary>
    public void Keep(int layer, string value) => _kept[layer] = value;

    /// <summary>The value layer <paramref name="layer"/> kept.</summary>
    public string Kept(int layer) => _kept[layer];

    /// <summary>Adds the layer's parameter tensor of <paramref name="role"/> as an initializer; returns its name.</summary>
    public string Parameter(int layer, TensorRole role) => Initializer(tensors[(layer, role)], network.Parameters);

    /// <summary>Adds the layer's buffer tensor of <paramref name="role"/> (running statistics) as an initializer; returns its name.</summary>
    public string Buffer(int layer, TensorRole role) => Initializer(tensors[(layer, role)], network.Buffers);

    /// <summary>Names the last value <paramref name="output"/> with an <c>Identity</c> node.</summary>
    public void Identity(string input, string output) => Node("Identity", "output.Identity", [input], output);

    /// <summary>The activation's node after <paramref name="input"/> (none for Linear); returns the name of its output.</summary>
    public string Activation(string layer, Activation activation, float leakySlope, string input)
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

    /// <summary>Adds a node with one output.</summary>
    public NodeProto Node(string op, string name, IEnumerable<string> inputs, string output)
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
        if (tensor.IsPermuted)
        {
            var torch = new float[tensor.Length];
            TensorLayout.ToTorch(values, [.. System.Linq.Enumerable.Select(tensor.Shape, d => (long)d)], [.. tensor.StorageOrder], torch);
            LittleEndian.Write(bytes, torch);
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
