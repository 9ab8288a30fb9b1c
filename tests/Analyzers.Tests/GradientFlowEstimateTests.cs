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
