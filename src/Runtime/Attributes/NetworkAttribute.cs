using System;

namespace Neuroslyn;

/// <summary>
/// Declares that a <c>partial class</c> is a neural network. The layers follow as attributes in source order
/// (<see cref="DenseAttribute"/>, <see cref="Conv2DAttribute"/>, <see cref="MaxPool2DAttribute"/>, <see cref="FlattenAttribute"/>, <see cref="DropoutAttribute"/>, <see cref="BatchNormAttribute"/>, ...), and the
/// Neuroslyn source generator writes the class's forward pass, backpropagation and optimizer step.
/// </summary>
/// <remarks>
/// The generator reads the values written in source; the property values below document the defaults it uses
/// when a property is not set.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Number of input features per sample, for a network over flat vectors. Set this or <see cref="InputShape"/>.</summary>
    public int Inputs { get; set; }

    /// <summary>
    /// One sample's shape, in PyTorch's order without the batch: <c>new[] { 1, 28, 28 }</c> for an image of channels ×
    /// height × width (NCHW; the values of a sample are given channel by channel, each row after row), or
    /// <c>new[] { 784 }</c> for a flat vector. Set this or <see cref="Inputs"/>.
    /// </summary>
    public int[]? InputShape { get; set; }

    /// <summary>The loss to minimise. Default: <see cref="Neuroslyn.Loss.MeanSquaredError"/>.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>The optimizer. Default: <see cref="Neuroslyn.Optimizer.Adam"/>.</summary>
    public Optimizer Optimizer { get; set; } = Optimizer.Adam;

    /// <summary>
    /// Learning rate. Default (0 or unset): the optimizer's usual value, 0.001 for Adam and 0.01 for SGD.
    /// </summary>
    public float LearningRate { get; set; }

    /// <summary>SGD momentum (PyTorch's formula, no dampening). 0, the default, is plain SGD. Ignored by Adam.</summary>
    public float Momentum { get; set; }

    /// <summary>Adam's first-moment decay. Default 0.9.</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Adam's second-moment decay. Default 0.999.</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Adam's denominator term. Default 1e-8.</summary>
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>L2 penalty added to every gradient (PyTorch's <c>weight_decay</c>). Default 0.</summary>
    public float WeightDecay { get; set; }

    /// <summary>
    /// Clip the gradients by their global L2 norm before each step (PyTorch's <c>clip_grad_norm_</c>).
    /// 0, the default, disables clipping.
    /// </summary>
    public float ClipNorm { get; set; }

    /// <summary>Seed of the weight initialisation and of dropout. The same seed gives the same network.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Let a <see cref="Training.TrainingMonitor"/> see each layer's output during training (NaN/Inf, dead ReLU units,
    /// saturated Sigmoid/Tanh units). Default false: the generated code then has no monitoring hook at all. Loss,
    /// gradient and weight checks work on any network; this adds the forward-pass ones.
    /// </summary>
    public bool Monitor { get; set; }
}
