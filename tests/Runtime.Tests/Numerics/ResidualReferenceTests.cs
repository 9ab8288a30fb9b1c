using System;
using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Parity;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>
/// A residual block against a plain double-precision evaluation of its formula, written from the PyTorch module it
/// stands for (docs/pytorch/neuroslyn_modules.py): tanh(body(h) + shortcut(h)), reading every tensor by its
/// state_dict name in PyTorch's layout.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class ResidualReferenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(70)]
    public void A_residual_block_with_a_linear_projection_predicts_what_the_double_precision_formula_gives(int rows)
    {
        var network = new ResidualDenseNet();
        Dictionary<string, double[]> state = ResidualDenseNet.Tensors.ToDictionary(
            tensor => tensor.Name, tensor => Array.ConvertAll(StateDict.ToTorch(tensor, network.Parameters), v => (double)v));
        float[] inputs = TestData.Normal(rows * ResidualDenseNet.InputSize, rows);

        var expected = new List<double>();
        for (int r = 0; r < rows; r++)
        {
            double[] x = Array.ConvertAll(inputs[(r * 5)..((r + 1) * 5)], v => (double)v);
            double[] h = Tanh(Linear(state, "0", x));                                   // Dense(6, Tanh): modules 0, 1
            double[] body = Linear(state, "2.body.2", Tanh(Linear(state, "2.body.0", h))); // the body: Linear, Tanh, Linear
            double[] shortcut = Linear(state, "2.shortcut", h);                         // 6 -> 4: the projection
            double[] sum = Tanh(body.Zip(shortcut, (b, s) => b + s).ToArray());         // EndResidual(Tanh)
            expected.AddRange(Linear(state, "3", sum));                                 // Dense(2)
        }

        var actual = new float[rows * ResidualDenseNet.OutputSize];
        network.PredictBatch(inputs, actual);
        ScalarReferenceTests.AssertClose(expected, actual, 1e-6, 1e-5, $"ResidualDenseNet, {rows} rows");
    }

    /// <summary>
    /// Inference keeps a copy of the block's input (the body's layers reuse its buffer) where training reads the opening
    /// layer's output in place: without dropout or BatchNorm both passes compute one function, so the loss of the
    /// inference pass is the training pass's, for blocks at the network's input (a transposed multi-channel image and a
    /// single-channel one read as it is) and over vectors.
    /// </summary>
    [Fact]
    public void Inference_and_training_passes_give_one_loss_for_blocks_at_the_input()
    {
        AssertSameLoss(new ResidualIdentityNet(), TestData.Normal(9 * 3, 61));
        AssertSameLoss(new ResidualDenseNet(), TestData.Normal(9 * 2, 62));
        var single = new ResidualSingleChannelNet();
        float[] inputs = TestData.Normal(9 * ResidualSingleChannelNet.InputSize, 63);
        float[] targets = TestData.Binary(9, 64);
        Assert.Equal(single.ComputeGradients(inputs, targets), single.ComputeLoss(inputs, targets), 6);
    }

    private static void AssertSameLoss<TNet>(TNet network, float[] targets)
        where TNet : ICompiledNetwork<TNet>, ITrainableNetwork<float>
    {
        float[] inputs = TestData.Normal(9 * TNet.InputSize, 65);
        float training = network.ComputeGradients(inputs, targets);
        Assert.Equal(training, network.ComputeLoss(inputs, targets), 6);
    }

    /// <summary><c>nn.Linear</c>: weight [out, in] times x, plus bias.</summary>
    private static double[] Linear(Dictionary<string, double[]> state, string name, double[] x)
    {
        double[] weight = state[name + ".weight"], bias = state[name + ".bias"];
        var y = new double[bias.Length];
        for (int o = 0; o < y.Length; o++)
        {
            y[o] = bias[o];
            for (int i = 0; i < x.Length; i++)
            {
                y[o] += weight[(o * x.Length) + i] * x[i];
            }
        }

        return y;
    }

    private static double[] Tanh(double[] values) => Array.ConvertAll(values, Math.Tanh);
}
