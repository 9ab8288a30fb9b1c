using System.Linq;
using Neuroslyn.Generator.Helpers;

namespace Neuroslyn.Generator.Model;

/// <summary>A type that encloses the network class, emitted as a <c>partial</c> declaration around it.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name)
{
    /// <summary>The dotted full name of <paramref name="className"/> in its namespace and enclosing types, unescaped.</summary>
    public static string FullName(string? @namespace, EquatableArray<ContainingTypeSpec> containingTypes, string className)
        => string.Join(".", new[] { @namespace }.Concat(containingTypes.Select(t => t.Name)).Concat(new[] { className }).Where(part => !string.IsNullOrEmpty(part)));
}

/// <summary>The optimizer and its hyper-parameters, defaults already applied.</summary>
internal sealed record OptimizerSpec(
    OptimizerKind Kind, float LearningRate, float Momentum, float Beta1, float Beta2, float Epsilon,
    float WeightDecay, float ClipNorm);

/// <summary>Everything the emitter needs to write one network class; value-equal so the pipeline can cache it.</summary>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string ClassName,
    TensorShape InputShape,
    LossKind Loss,
    OptimizerSpec Optimizer,
    int Seed,
    EquatableArray<LayerSpec> Layers)
{
    /// <summary>Whether the training forward pass hands each layer's output to an attached training monitor.</summary>
    public bool Monitor { get; init; }

    /// <summary>Values per input sample.</summary>
    public int Inputs => InputShape.Size;

    public int Outputs => Layers[Layers.Count - 1].OutputSize;

    public int ParameterCount => Layers.Sum(layer => layer.ParameterCount);

    public int BufferCount => Layers.Sum(layer => layer.BufferCount);

    /// <summary>Batch counters (<c>num_batches_tracked</c>) of every layer, one per BatchNorm today.</summary>
    public int CounterCount => Layers.Sum(layer => layer.CounterCount);

    /// <summary>The widest activation, which sizes the scratch buffers.</summary>
    public int MaxWidth => Layers.Select(layer => layer.OutputSize).Concat(new[] { Inputs }).Max();

    /// <summary>
    /// True when the output activation is folded into the loss (Softmax with softmax cross-entropy, Sigmoid with
    /// binary cross-entropy): training skips it and differentiates the fused, numerically stable loss, while
    /// inference still applies it so that predictions are probabilities.
    /// </summary>
    public bool FoldsOutputActivation => OutputActivation switch
    {
        ActivationKind.Softmax => Loss == LossKind.SoftmaxCrossEntropy,
        ActivationKind.Sigmoid => Loss == LossKind.BinaryCrossEntropy,
        _ => false,
    };

    /// <summary>The last layer's activation (Linear for a last layer without one).</summary>
    public ActivationKind OutputActivation => Layers[Layers.Count - 1].AppliedActivation ?? ActivationKind.Linear;

    /// <summary>The training target's element type: class indices for softmax cross-entropy, else vectors.</summary>
    public string TargetType => Loss == LossKind.SoftmaxCrossEntropy ? "int" : "float";

    public string FullName => ContainingTypeSpec.FullName(Namespace, ContainingTypes, ClassName);
}
