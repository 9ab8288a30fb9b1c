using System;
using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>What several rules ask of one network, computed once: weighted layers, the estimate, the learning rate.</summary>
internal sealed class NetworkFacts
{
    public NetworkFacts(NetworkSpec spec, HazardOptions options)
    {
        Spec = spec;
        Layers = spec.Layers.ToList();
        Weighted = Enumerable.Range(0, Layers.Count).Where(i => Layers[i].Weights is not null).ToList();
        Hidden = Weighted.Take(Math.Max(0, Weighted.Count - 1)).ToList();
        Estimate = GradientFlow.Estimate(spec);
        DefaultLearningRate = spec.Optimizer.Kind == OptimizerKind.Adam ? 1e-3f : 1e-2f;
        LearningRateRatio = Numbers.Exact(spec.Optimizer.LearningRate) / Numbers.Exact(DefaultLearningRate);
        HighLearningRate = LearningRateRatio > options.LearningRateMaxFactor;
    }

    public NetworkSpec Spec { get; }

    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Indices of the layers with weights (Dense).</summary>
    public IReadOnlyList<int> Weighted { get; }

    /// <summary>Indices of the weighted layers before the last one.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <summary><see cref="GradientFlow.Estimate"/>, per layer index.</summary>
    public double[] Estimate { get; }

    public float DefaultLearningRate { get; }

    public double LearningRateRatio { get; }

    public bool HighLearningRate { get; }

    public string OptimizerName => Spec.Optimizer.Kind == OptimizerKind.Adam ? "Adam" : "SGD";

    public bool IsHidden(int index) => Hidden.Contains(index);

    /// <summary>Whether any layer applies ReLU.</summary>
    public bool HasRelu => Enumerable.Range(0, Layers.Count).Any(i => Activation(i) == ActivationKind.ReLU);

    /// <summary>The layer's activation; Linear for a kind without one.</summary>
    public ActivationKind Activation(int index) => Layers[index].AppliedActivation ?? ActivationKind.Linear;

    /// <summary>The activations applied before the output layer's, by every layer that has one (hidden Dense, BatchNorm).</summary>
    public IEnumerable<ActivationKind> HiddenActivations()
    {
        int output = Weighted.Count > 0 ? Weighted[Weighted.Count - 1] : Layers.Count;
        for (int i = 0; i < output; i++)
        {
            if (Layers[i].AppliedActivation is { } activation)
            {
                yield return activation;
            }
        }
    }

    /// <summary>"weighted layer 2 of 5 (Dense(64, Sigmoid))".</summary>
    public string WeightedName(int index)
        => $"weighted layer {IndexOf(Weighted, index) + 1} of {Weighted.Count} ({Layers[index].Describe()})";

    private static int IndexOf(IReadOnlyList<int> list, int value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == value) return i;
        }

        return -1;
    }
}
