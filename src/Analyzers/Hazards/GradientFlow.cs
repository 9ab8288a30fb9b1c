using System;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>
/// The static gradient-flow estimate (docs/gradient-flow.md): for each weighted layer (one whose spec has
/// <see cref="LayerSpec.Weights"/>), a bound on the size of
/// the gradient that reaches it, relative to the gradient the loss hands the output, at initialisation.
/// </summary>
/// <remarks>
/// Walking from the output towards the input, the backward signal is multiplied, per layer, by:
/// <list type="bullet">
/// <item>the activation's derivative factor <see cref="ActivationFactor"/>: 1/4 for Sigmoid and 1 for Tanh (their
/// maxima), 1/√2 for ReLU and √((1 + α²)/2) for LeakyReLU (exact root-mean-square over pre-activations symmetric about
/// 0), 1 for Linear and for an output activation the loss folds in;</item>
/// <item>the weights' backward gain <see cref="WeightGain"/>, √(n · Var(W)) where n is the number of products each
/// input's gradient sums (<see cref="WeightFacts.BackwardFanOut"/>: fan_out for Dense; for a convolution filters /
/// groups × the taps that land on the input, fewer with a stride or padding); Var(W) is He's 2/fan_in or Glorot's
/// 2/(fan_in + fan_out), with the initializers' fans;</item>
/// <item>a layer's <see cref="LayerSpec.SignalGain"/> otherwise: 1/√(1 − p) for Dropout(p), the root-mean-square of its
/// inverted mask; for pooling, how it spreads each output's gradient over the input's values;</item>
/// <item>BatchNorm (over features or channels) divides by the standard deviation of its input, which carries every
/// factor above it, so the estimate restarts at 1 below a BatchNorm;</item>
/// <item>a residual block's gradient reaches its input along two paths, the body and the shortcut (the identity, or a
/// projection's <see cref="WeightGain"/>), taken as uncorrelated: at the block's opening the two add in quadrature,
/// √(body² + shortcut²), so a block never shrinks the signal below what its shortcut carries.</item>
/// </list>
/// The estimate of a weighted layer is the size of its weight gradient: the product at its pre-activation, times
/// √(<see cref="WeightFacts.PositionsPerWeight"/>) for a convolution, whose weight gradient sums that many products
/// (taken as uncorrelated); for Dense that factor is 1.
/// </remarks>
internal static class GradientFlow
{
    /// <summary>tanh'(2) = 1 − tanh²(2): the derivative of a Tanh unit whose pre-activation has drifted to |z| = 2.</summary>
    public const double SaturatedTanhDerivative = 0.07065082485316443;

    public static double ActivationFactor(ActivationKind activation, float leakySlope) => activation switch
    {
        ActivationKind.Sigmoid => 0.25,
        ActivationKind.Softmax => 0.25,
        ActivationKind.ReLU => Math.Sqrt(0.5),
        ActivationKind.LeakyReLU => Math.Sqrt((1 + ((double)leakySlope * leakySlope)) / 2),
        _ => 1,
    };

    /// <summary>Var(W) of the layer's initializer: 2/fan_in (He) or 2/(fan_in + fan_out) (Glorot).</summary>
    public static double WeightVariance(WeightFacts weights) => IsHe(weights.Initializer)
        ? 2.0 / weights.FanIn
        : 2.0 / (weights.FanIn + weights.FanOut);

    /// <summary>√(backward fan-out · Var(W)): how much the product with Wᵀ scales the backward signal per value.</summary>
    public static double WeightGain(WeightFacts weights) => Math.Sqrt(weights.BackwardFanOut * WeightVariance(weights));

    public static bool IsHe(InitializerKind initializer) => initializer is InitializerKind.HeUniform or InitializerKind.HeNormal;

    /// <summary>The estimate per layer: a number for each weighted layer, NaN for the others.</summary>
    public static double[] Estimate(NetworkSpec spec)
    {
        int count = spec.Layers.Count;
        var estimate = new double[count];
        double scale = 1;
        var shortcuts = new System.Collections.Generic.Dictionary<int, double>();
        for (int i = count - 1; i >= 0; i--)
        {
            estimate[i] = double.NaN;
            bool foldedOutput = i == count - 1 && spec.FoldsOutputActivation;
            LayerSpec layer = spec.Layers[i];
            if (layer.ShortcutSource is int source)
            {
                // The sum's activation scales both paths; the shortcut's share waits for the block's opening.
                scale *= foldedOutput ? 1 : ActivationFactor(layer.AppliedActivation ?? ActivationKind.Linear, layer.AppliedSlope);
                shortcuts[source] = scale * (layer.ShortcutWeights is { } projection ? WeightGain(projection) : 1);
            }
            else if (layer.Weights is { } weights)
            {
                scale *= foldedOutput ? 1 : ActivationFactor(layer.AppliedActivation ?? ActivationKind.Linear, layer.AppliedSlope);
                estimate[i] = scale * Math.Sqrt(weights.PositionsPerWeight);
                scale *= WeightGain(weights);
            }
            else if (layer.Normalizes)
            {
                scale = 1;
            }
            else
            {
                scale *= layer.SignalGain;
            }

            if (shortcuts.TryGetValue(i, out double shortcut))
            {
                scale = Math.Sqrt((scale * scale) + (shortcut * shortcut));
            }
        }

        return estimate;
    }
}
