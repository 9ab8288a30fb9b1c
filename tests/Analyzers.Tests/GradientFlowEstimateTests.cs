using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Neuroslyn.Analyzers.Hazards;
using Neuroslyn.Generator.Model;
using Neuroslyn.Generator.Parsing;
using Neuroslyn.Generator.Tests;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// The static gradient-flow estimate (docs/gradient-flow.md) against values worked out by hand from the formula:
/// per layer, from the output down, × activation factor, record, × √(fan_out · Var(W)); ÷ √(1 − p) through dropout;
/// reset to 1 at BatchNorm.
/// </summary>
public sealed class GradientFlowEstimateTests
{
    [Fact]
    public void Fashion_network()
    {
        // 784 → Dense(256, ReLU) → Dropout(0.2) → Dense(128, ReLU) → Dense(10), softmax cross-entropy.
        // Output: 1 (linear). Its weights (Glorot, 128 → 10): √(10 · 2/138) = 0.38069.
        // Dense(128, ReLU): 0.38069 · 1/√2 = 0.26919. Its weights (He, 256 → 128): √(128 · 2/256) = 1.
        // Dropout(0.2): ÷ √0.8 → 0.30096. Dense(256, ReLU): 0.30096 · 1/√2 = 0.21281.
        double[] estimate = Estimate("""
            [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
            [Dense(256, Activation.ReLU)]
            [Dropout(0.2)]
            [Dense(128, Activation.ReLU)]
            [Dense(10)]
            """);

        Assert.Equal(0.21281, estimate[0], 5);
        Assert.True(double.IsNaN(estimate[1]));
        Assert.Equal(0.26919, estimate[2], 5);
        Assert.Equal(1, estimate[3], 10);
    }

    [Fact]
    public void Identity_shortcut_carries_the_gradient_past_two_sigmoid_layers()
    {
        // Output weights (Glorot, 64 → 10): √(10 · 2/74) = 0.51988, which the linear sum hands to both paths. Body:
        // × 1/4 twice (hidden Glorot gains are 1): 0.12997, then 0.032492. At the block's opening the paths add in
        // quadrature: √(0.032492² + 0.51988²) = 0.52089; the first sigmoid: × 1/4 = 0.13022 (0.0081231 without the block).
        double[] estimate = Estimate("""
            [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
            [Dense(64, Activation.Sigmoid)]
            [Residual]
            [Dense(64, Activation.Sigmoid)]
            [Dense(64, Activation.Sigmoid)]
            [EndResidual(Activation.Linear)]
            [Dense(10)]
            """);

        Assert.Equal(0.12997, estimate[3], 5);
        Assert.Equal(0.032492, estimate[2], 6);
        Assert.True(double.IsNaN(estimate[1]) && double.IsNaN(estimate[4]));
        Assert.Equal(0.13022, estimate[0], 5);
    }

    [Fact]
    public void Projection_shortcut_scales_its_path_by_the_projections_weight_gain()
    {
        // Output weights (Glorot, 32 → 10): √(10 · 2/42) = 0.69007. The projection (Glorot for a linear sum, 64 → 32):
        // √(32 · 2/96) = 0.81650, so the shortcut carries 0.56344. Body: Dense(32, Sigmoid) 0.69007/4 = 0.17252, its
        // weights × 0.81650 = 0.14086. Opening: √(0.14086² + 0.56344²) = 0.58078; the first sigmoid: 0.14519.
        double[] estimate = Estimate("""
            [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
            [Dense(64, Activation.Sigmoid)]
            [Residual]
            [Dense(32, Activation.Sigmoid)]
            [EndResidual(Activation.Linear)]
            [Dense(10)]
            """);

        Assert.Equal(0.17252, estimate[2], 5);
        Assert.Equal(0.14519, estimate[0], 5);
    }

    [Fact]
    public void Four_sigmoid_layers_shrink_by_a_quarter_each()
    {
        // Output weights (Glorot, 64 → 10): √(10 · 2/74) = 0.51988; hidden weights (Glorot, 64 → 64): √(64 · 2/128) = 1.
        // Sigmoid factor 1/4: 0.12997, 0.032492, 0.0081231, 0.0020308.
        double[] estimate = Estimate("""
            [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
            [Dense(64, Activation.Sigmoid)]
            [Dense(64, Activation.Sigmoid)]
            [Dense(64, Activation.Sigmoid)]
            [Dense(64, Activation.Sigmoid)]
            [Dense(10)]
            """);

        Assert.Equal(0.0020308, estimate[0], 7);
        Assert.Equal(0.0081231, estimate[1], 7);
        Assert.Equal(0.032492, estimate[2], 6);
        Assert.Equal(0.12997, estimate[3], 5);
    }

    [Fact]
    public void BatchNorm_restarts_the_estimate()
    {
        // Below the BatchNorm the product restarts at 1: Dense(64, Sigmoid) before it gets 1 · 1/4 = 0.25.
        double[] estimate = Estimate("""
            [Network(Inputs = 8)]
            [Dense(64, Activation.Sigmoid)]
            [BatchNorm]
            [Dense(64, Activation.Sigmoid)]
            [Dense(64, Activation.Sigmoid)]
            [Dense(1)]
            """);

        Assert.Equal(0.25, estimate[0], 10);
        // Above it: output weights (Glorot, 64 → 1): √(2/65) = 0.17541; · 1/4 = 0.043853; · 1 · 1/4 = 0.010963.
        Assert.Equal(0.043853, estimate[3], 6);
        Assert.Equal(0.010963, estimate[2], 6);
    }

    [Fact]
    public void Leaky_relu_he_weights_and_an_unfolded_sigmoid_output()
    {
        // Sigmoid output with MSE is not folded: factor 1/4. Its weights (Glorot, 32 → 1): √(2/33) = 0.24618.
        // Dense(32, LeakyReLU 0.2): √((1 + 0.04)/2) = 0.72111 → 0.25 · 0.24618 · 0.72111 = 0.044381.
        // Its weights (HeNormal, 16 → 32): √(32 · 2/16) = 2. Dense(16, Tanh): · 2 · 1 = 0.088763.
        double[] estimate = Estimate("""
            [Network(Inputs = 8)]
            [Dense(16, Activation.Tanh)]
            [Dense(32, Activation.LeakyReLU, LeakySlope = 0.2f, Initializer = Initializer.HeNormal)]
            [Dense(1, Activation.Sigmoid)]
            """);

        Assert.Equal(0.25, estimate[2], 10);
        Assert.Equal(0.044381, estimate[1], 6);
        Assert.Equal(0.088763, estimate[0], 6);
    }

    [Fact]
    public void Convolutions_use_their_fan_in_the_taps_that_land_on_the_input_and_their_weights_positions()
    {
        // 1 × 8 × 8 → Conv2D(2, 3, ReLU, stride 2, pad 1) → 2 × 4 × 4 → Conv2D(4, 3, ReLU) → 4 × 2 × 2 → Flatten → Dense(1).
        // Output: 1. Its weights (Glorot, 16 → 1): √(2/17) = 0.34300. Conv2D(4): δ = 0.34300 · 1/√2 = 0.24254; per side
        // 2 outputs × 3 taps land on the input, so each weight sums 6 · 6 / 9 = 4 products: estimate 0.24254 · 2 = 0.48507.
        // Its weights: He with fan_in 2 · 9 = 18; each input value gathers 4 filters × 36 taps / 16 values = 9 products
        // (PyTorch's fan_out counts 36): gain √(9 · 2/18) = 1. Conv2D(2): δ = 0.24254 · 1/√2 = 0.17150; per side the
        // stride and padding put 2 + 3 + 3 + 3 = 11 taps on the input, so 121 / 9 products per weight:
        // 0.17150 · √(121/9) = 0.62883.
        double[] estimate = Estimate("""
            [Network(InputShape = new[] { 1, 8, 8 })]
            [Conv2D(2, 3, Activation.ReLU, Stride = 2, Padding = 1)]
            [Conv2D(4, 3, Activation.ReLU)]
            [Flatten]
            [Dense(1)]
            """);

        Assert.Equal(0.62883, estimate[0], 5);
        Assert.Equal(0.48507, estimate[1], 5);
        Assert.True(double.IsNaN(estimate[2]));
        Assert.Equal(1, estimate[3], 10);
    }

    [Fact]
    public void BatchNorm_over_channels_restarts_the_estimate_below_a_convolution()
    {
        // Below the BatchNorm the product restarts at 1: Conv2D(4, 3, Sigmoid) with same padding on 6 × 6 gets 1/4 times
        // √(taps per weight), 16 taps per side (6 · 3 − 2): 0.25 · 16/3 = 1.3333.
        double[] estimate = Estimate("""
            [Network(InputShape = new[] { 1, 6, 6 })]
            [Conv2D(4, 3, Activation.Sigmoid, Padding = Padding.Same)]
            [BatchNorm]
            [Conv2D(4, 3, Activation.Sigmoid, Padding = Padding.Same)]
            [GlobalAvgPool2D]
            [Dense(1)]
            """);

        Assert.Equal(0.25 * 16 / 3.0, estimate[0], 10);
    }

    [Theory]
    [InlineData("[MaxPool2D(2)]", 0.5)] // 16 of 64 values get a gradient: √(16/64)
    [InlineData("[MaxPool2D(3, Stride = 1, Padding = 1)]", 1)] // as many outputs as inputs
    [InlineData("[AvgPool2D(2)]", 0.25)] // each value gets a quarter of one output's gradient
    [InlineData("[AvgPool2D(3, Stride = 1, Padding = 1)]", 11 / 36.0)] // √(22 · 22 / 64) / 9: 8 · 3 − 2 taps on the input per side
    [InlineData("[GlobalAvgPool2D]", 1 / 64.0)] // each pixel gets 1/64 of its channel's mean's gradient
    [InlineData("[Flatten]", 1)]
    public void Pooling_spreads_the_backward_signal_over_its_input(string layer, double gain)
    {
        NetworkSpec spec = Parse("[Network(InputShape = new[] { 2, 8, 8 })]\n" + layer + (layer.Contains("Global") || layer.Contains("Flatten") ? string.Empty : "\n[Flatten]") + "\n[Dense(1)]");

        Assert.Equal(gain, spec.Layers[0].SignalGain, 12);
    }

    [Fact]
    public void A_depthwise_convolutions_backward_fan_out_is_its_taps_not_pytorchs_fan_out()
    {
        // Conv2D(8, 3, Groups = 8) with same padding on 8 × 4 × 4: each value feeds 1 filter through the taps that land on
        // it, 10 per side (4 · 3 − 2) over 16 values: 100/16 = 6.25, where PyTorch's fan_out (filters × 9) is 72.
        WeightFacts weights = Parse("""
            [Network(InputShape = new[] { 8, 4, 4 })]
            [Conv2D(8, 3, Activation.ReLU, Groups = 8, Padding = Padding.Same)]
            [GlobalAvgPool2D]
            [Dense(1)]
            """).Layers[0].Weights!;

        Assert.Equal((9, 72, 8), (weights.FanIn, weights.FanOut, weights.Units));
        Assert.Equal(6.25, weights.BackwardFanOut, 12);
        Assert.Equal(100 / 9.0, weights.PositionsPerWeight, 12);
    }

    [Fact]
    public void Factors_are_the_documented_bounds()
    {
        Assert.Equal(0.25, GradientFlow.ActivationFactor(ActivationKind.Sigmoid, 0.01f));
        Assert.Equal(1, GradientFlow.ActivationFactor(ActivationKind.Tanh, 0.01f));
        Assert.Equal(Math.Sqrt(0.5), GradientFlow.ActivationFactor(ActivationKind.ReLU, 0.01f));
        Assert.Equal(1, GradientFlow.ActivationFactor(ActivationKind.Linear, 0.01f));
        Assert.Equal(GradientFlow.SaturatedTanhDerivative, 1 - Math.Pow(Math.Tanh(2), 2), 15);
    }

    [Theory]
    [InlineData(0.0020307626754298294, "2.0e-3")]
    [InlineData(0.21281, "0.21")]
    [InlineData(0.032492, "0.032")]
    [InlineData(127.6, "128")]
    [InlineData(1, "1")]
    public void Estimates_are_shown_with_two_significant_digits(double value, string shown)
        => Assert.Equal(shown, Numbers.Short(value));

    /// <summary>The estimate of a network declared by <paramref name="attributes"/>, parsed by the real parser.</summary>
    internal static double[] Estimate(string attributes) => GradientFlow.Estimate(Parse(attributes));

    internal static NetworkSpec Parse(string attributes)
    {
        Compilation compilation = GeneratorHarness.Compile("using Neuroslyn;\n" + attributes + "\npublic partial class Net { }");
        INamedTypeSymbol symbol = compilation.GetTypeByMetadataName("Net")!;
        INamedTypeSymbol network = compilation.GetTypeByMetadataName("Neuroslyn.NetworkAttribute")!;
        NetworkParseResult result = NetworkParser.Parse(symbol, network, compilation, CancellationToken.None);
        Assert.Empty(result.Diagnostics);
        return result.Spec!;
    }
}
