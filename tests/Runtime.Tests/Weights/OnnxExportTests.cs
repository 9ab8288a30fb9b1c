using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Neuroslyn.Weights.Onnx;
using Onnx;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>Exported models run in ONNX Runtime and give what <see cref="INetwork.PredictBatch"/> gives.</summary>
public sealed class OnnxExportTests
{
    [Fact]
    public void BatchNorm_LeakyReLU_dropout_tanh_and_softmax_match_PredictBatch_in_ONNX_Runtime()
        => AssertSameOutputs(WeightFileTests.Trained(steps: 4), rows: 37);

    [Fact]
    public void ReLU_without_bias_BatchNorm_sigmoid_and_a_sigmoid_output_match_PredictBatch_in_ONNX_Runtime()
    {
        var network = new OnnxSigmoidNet();
        float[] inputs = WeightFileTests.TestInputs(OnnxSigmoidNet.InputSize, rows: 16, seed: 4);
        float[] targets = Enumerable.Range(0, 16).Select(i => (float)(i % 2)).ToArray();
        for (int step = 0; step < 5; step++)
        {
            network.TrainBatch(inputs, targets);
        }

        AssertSameOutputs(network, rows: 33);
    }

    [Fact]
    public void Wide_layers_with_linear_logits_match_PredictBatch_in_ONNX_Runtime()
        => AssertSameOutputs(new OnnxWideNet(), rows: 70);

    [Fact]
    public void Convolution_without_bias_BatchNorm2d_max_pooling_a_grouped_convolution_and_Flatten_match_PredictBatch_in_ONNX_Runtime()
    {
        var network = new ImageInteropNet();
        float[] inputs = WeightFileTests.TestInputs(ImageInteropNet.InputSize, rows: 8, seed: 6);
        int[] labels = Enumerable.Range(0, 8).Select(i => i % 3).ToArray();
        for (int step = 0; step < 3; step++)
        {
            network.TrainBatch(inputs, labels); // moves BatchNorm's running statistics off their defaults
        }

        AssertSameOutputs(network, rows: 11);
    }

    [Fact]
    public void Same_padding_with_a_stride_and_average_pooling_with_padding_match_PredictBatch_in_ONNX_Runtime()
        => AssertSameOutputs(new Networks.ConvStridedSameAdam(), rows: 9);

    [Fact]
    public void Grouped_dilated_depthwise_and_pointwise_convolutions_and_global_average_pooling_match_PredictBatch_in_ONNX_Runtime()
        => AssertSameOutputs(new Networks.ConvGroupsDepthwiseAdam(), rows: 5);

    [Fact]
    public void Padded_overlapping_max_pooling_and_BatchNorm2d_after_it_match_PredictBatch_in_ONNX_Runtime()
        => AssertSameOutputs(new Networks.ConvPaddedMaxPoolBinaryAdam(), rows: 6);

    [Fact]
    public void Residual_blocks_with_identity_and_strided_projection_shortcuts_match_PredictBatch_in_ONNX_Runtime()
    {
        var network = new ResidualInteropNet();
        float[] inputs = WeightFileTests.TestInputs(ResidualInteropNet.InputSize, rows: 8, seed: 7);
        int[] labels = Enumerable.Range(0, 8).Select(i => i % 3).ToArray();
        for (int step = 0; step < 3; step++)
        {
            network.TrainBatch(inputs, labels);
        }

        AssertSameOutputs(network, rows: 10);
        ModelProto model = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(network));
        Assert.Equal(2, model.Graph.Node.Count(node => node.OpType == "Add"));
        NodeProto projection = Assert.Single(model.Graph.Node, node => node.Name == "3.shortcut.Conv");
        // The projection reads the block's input: the first block's sum after its ReLU.
        Assert.Equal(["2.relu", "3.shortcut.weight", "3.shortcut.bias"], projection.Input);
    }

    [Fact]
    public void Residual_block_over_vectors_with_a_linear_projection_matches_PredictBatch_in_ONNX_Runtime()
    {
        var network = new Networks.ResidualMlpAdam();
        float[] inputs = WeightFileTests.TestInputs(Networks.ResidualMlpAdam.InputSize, rows: 6, seed: 8);
        network.TrainBatch(inputs, [0, 1, 2, 0, 1, 2]);
        AssertSameOutputs(network, rows: 6);
    }

    [Fact]
    public void Image_layers_are_Conv_pooling_BatchNormalization_and_Flatten_with_PyTorchs_attributes()
    {
        ModelProto model = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(new ImageInteropNet()));

        Assert.Equal(
            ["Conv", "BatchNormalization", "Relu", "MaxPool", "Conv", "Tanh", "Flatten", "Gemm", "Softmax", "Identity"],
            model.Graph.Node.Select(node => node.OpType));
        Assert.Equal([0L, 2L, 8L, 8L], model.Graph.Input.Single().Type.TensorType.Shape.Dim.Select(dim => dim.DimValue));
        NodeProto grouped = model.Graph.Node[4];
        Assert.Equal(["4.weight", "4.bias"], grouped.Input.Skip(1));
        Assert.Equal(2, grouped.Attribute.Single(attribute => attribute.Name == "group").I);
        Assert.Equal([3L, 3L], grouped.Attribute.Single(attribute => attribute.Name == "kernel_shape").Ints);
        TensorProto weight = model.Graph.Initializer.Single(initializer => initializer.Name == "4.weight");
        Assert.Equal([6L, 2L, 3L, 3L], weight.Dims);
        Assert.Equal(
            ["0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "4.weight", "4.bias", "7.weight", "7.bias"],
            model.Graph.Initializer.Select(initializer => initializer.Name));
    }

    [Fact]
    public void Dense_layers_are_Gemm_with_transB_and_PyTorch_layout_initializers_and_dropout_is_left_out()
    {
        var network = new InteropNet();
        ModelProto model = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(network));

        Assert.Equal(OnnxExport.OpsetVersion, model.OpsetImport.Single().Version);
        Assert.Equal(
            ["Gemm", "BatchNormalization", "LeakyRelu", "Gemm", "Tanh", "Gemm", "Softmax", "Identity"],
            model.Graph.Node.Select(node => node.OpType));
        NodeProto gemm = model.Graph.Node[0];
        Assert.Equal(["input", "0.weight", "0.bias"], gemm.Input);
        Assert.Equal(1, gemm.Attribute.Single(attribute => attribute.Name == "transB").I);
        Assert.Equal(0.1f, model.Graph.Node[2].Attribute.Single().F);
        TensorProto weight = model.Graph.Initializer.Single(initializer => initializer.Name == "0.weight");
        Assert.Equal([8L, 5L], weight.Dims);
        Assert.Equal(network.Parameters[(3 * 8) + 2], BitConverter.ToSingle(weight.RawData.ToByteArray(), 4 * ((2 * 5) + 3)));
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "4.weight", "4.bias", "6.weight", "6.bias"],
            model.Graph.Initializer.Select(initializer => initializer.Name));
    }

    private static void AssertSameOutputs<TNet>(TNet network, int rows)
        where TNet : ICompiledNetwork<TNet>
    {
        float[] inputs = WeightFileTests.TestInputs(TNet.InputSize, rows, seed: 31);
        var expected = new float[rows * TNet.OutputSize];
        network.PredictBatch(inputs, expected);

        using var session = new InferenceSession(OnnxExport.ToBytes(network));
        int[] dimensions = [rows, .. TNet.Layers[0].InputShape]; // [N, C, H, W] for an image network
        var input = new DenseTensor<float>(inputs, dimensions);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, input)]);
        DisposableNamedOnnxValue output = Assert.Single(results);
        Assert.Equal(OnnxExport.OutputName, output.Name);
        Tensor<float> actual = output.AsTensor<float>();

        Assert.Equal([rows, TNet.OutputSize], actual.Dimensions.ToArray());
        float[] values = actual.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = 1e-5f + (1e-4f * Math.Abs(expected[i]));
            Assert.True(Math.Abs(values[i] - expected[i]) <= tolerance, $"output {i}: ONNX Runtime {values[i]:G9}, PredictBatch {expected[i]:G9}");
        }
    }
}
