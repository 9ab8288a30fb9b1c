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
