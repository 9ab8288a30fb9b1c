using System.Collections.Generic;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// One layer, with every shape and offset resolved by the parser so that emitters infer nothing. A kind is a sealed
/// record derived from this one, in its own folder under <c>Layers/</c>; every stage asks the layer what it needs
/// (its activation, its tensors, its fan-in for the hazard rules) through the members below, never by testing its
/// type. The emitter of a kind is attached in the generator's own half of the record (<c>Emitting/</c>), so the
/// analyzers compile the model without any code emission.
/// </summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="TorchIndex">Index of the layer's module in the equivalent PyTorch <c>nn.Sequential</c>.</param>
/// <param name="InputShape">One sample's input.</param>
/// <param name="OutputShape">One sample's output.</param>
internal abstract partial record LayerSpec(int Index, int TorchIndex, TensorShape InputShape, TensorShape OutputShape)
{
    /// <summary>Values in, per sample.</summary>
    public int InputSize => InputShape.Size;

    /// <summary>Values out, per sample.</summary>
    public int OutputSize => OutputShape.Size;

    /// <summary>The kind: its attribute and what is known of it before any layer is read.</summary>
    public abstract LayerKind Kind { get; }

    /// <summary>Number of PyTorch modules the layer stands for (an activation is a module of its own there).</summary>
    public abstract int TorchModuleCount { get; }

    /// <summary>Trainable parameters the layer owns.</summary>
    public abstract int ParameterCount { get; }

    /// <summary>Non-trainable buffer values the layer owns.</summary>
    public virtual int BufferCount => 0;

    /// <summary>Batch counters (PyTorch's int64 <c>num_batches_tracked</c>) the layer owns.</summary>
    public virtual int CounterCount => 0;

    /// <summary>The layer's tensors, in the order a weight file lists them.</summary>
    public virtual IEnumerable<TensorSpec> Tensors => [];

    /// <summary>
    /// The activation the layer applies after its own operation (<see cref="ActivationKind.Linear"/> when it is set to
    /// none), or null for a kind that has no activation at all (Dropout).
    /// </summary>
    public virtual ActivationKind? AppliedActivation => null;

    /// <summary>The negative slope of a LeakyReLU <see cref="AppliedActivation"/> (0 for a kind without an activation).</summary>
    public virtual float AppliedSlope => 0f;

    /// <summary>For a kind with weights drawn at construction (Dense, later convolutions): what the rules need of them.</summary>
    public virtual WeightFacts? Weights => null;

    /// <summary>True for a layer that normalises its input (BatchNorm): below it the gradient-flow estimate restarts.</summary>
    public virtual bool Normalizes => false;

    /// <summary>
    /// The root-mean-square factor by which the layer scales the backward signal when it has no weights and does not
    /// normalise: 1/√(1 − p) for inverted dropout, 1 for the identity.
    /// </summary>
    public virtual double SignalGain => 1;

    /// <summary>The probability of dropping a unit, for a dropout kind; null for every other.</summary>
    public virtual float? DropoutRate => null;

    /// <summary>True when inference passes the input through unchanged (Dropout), so a chain of activations is not broken by it.</summary>
    public virtual bool IsIdentityInInference => false;

    /// <summary>
    /// True when the layer's output in inference is an affine function of its input: no activation or a Linear one,
    /// Dropout, Flatten, average pooling. A linear layer that feeds another weighted layer through such layers only
    /// composes with it into one linear map; an activation or a maximum (max pooling) breaks the chain.
    /// </summary>
    public virtual bool IsAffineInInference => AppliedActivation is null or ActivationKind.Linear;

    /// <summary>
    /// The side of the square kernel the layer slides over its image input (a convolution's taps, a pooling window), or 0
    /// for a layer that slides none: a kernel larger than a side of the image mostly covers padding.
    /// </summary>
    public virtual int KernelSize => 0;

    /// <summary>
    /// The path of the layer's module in the equivalent PyTorch model: its <c>nn.Sequential</c> index (<c>"3"</c>), or
    /// inside a residual block the index in the block's body (<c>"2.body.1"</c>). Set by the parser; a kind with tensors
    /// names them by its own <c>Name</c>, which defaults to this path.
    /// </summary>
    public string ModulePath { get; init; } = TorchIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// True for a layer whose output is its input in training and in inference (a residual block's opening): the
    /// network hands the next layer the same values, with no buffer and no copy. Such a layer is also
    /// <see cref="IsIdentityInInference"/>.
    /// </summary>
    public virtual bool PassesThrough => false;

    /// <summary>
    /// The index of an earlier layer whose output this layer reads besides its own input (a residual block's sum reads
    /// the output of the block's opening, the block's input), or null.
    /// </summary>
    public virtual int? ShortcutSource => null;

    /// <summary>
    /// For a layer with a <see cref="ShortcutSource"/>: the weights the shortcut passes through (a projection), or null
    /// for the identity. The gradient-flow estimate adds the shortcut's path to the body's.
    /// </summary>
    public virtual WeightFacts? ShortcutWeights => null;

    /// <summary>The members the layer's emitter writes into the network class (a class, or a member of the class, of one of these names is refused).</summary>
    public virtual IEnumerable<string> GeneratedMembers => [];

    /// <summary>"Dense(64, Sigmoid)", "BatchNorm(ReLU)", "Dropout(0.5)": the layer as messages name it.</summary>
    public abstract string Describe();
}

/// <summary>What the initialisation and gradient-flow rules ask of a layer with weights.</summary>
/// <param name="FanIn">
/// Inputs that feed one output, as PyTorch's and Keras's initializers count them: in-features for Dense;
/// in-channels / groups × kernel area for a convolution.
/// </param>
/// <param name="FanOut">
/// The initializers' fan-out: out-features for Dense; filters × kernel area for a convolution (PyTorch and Keras do not
/// divide it by the groups). Glorot's variance 2/(fan_in + fan_out) is drawn with it.
/// </param>
/// <param name="Initializer">The initializer, <see cref="InitializerKind.Auto"/> already resolved.</param>
/// <param name="HasBias">Whether the layer adds a bias.</param>
/// <param name="Units">Out-features for Dense, filters for a convolution: one bias value each when it has a bias.</param>
/// <param name="BackwardFanOut">
/// The products each input value's gradient sums in the backward pass, averaged over the input: out-features for Dense;
/// for a convolution filters / groups × the kernel taps that land on that value, which a stride, padding or groups make
/// fewer than <paramref name="FanOut"/>. The weights' backward gain is √(BackwardFanOut · Var(W)).
/// </param>
/// <param name="PositionsPerWeight">
/// The products one weight's gradient sums per sample, averaged over the weights: 1 for Dense; for a convolution the
/// output positions at which its tap lands on the input (about the output's pixels).
/// </param>
internal sealed record WeightFacts(
    int FanIn, int FanOut, InitializerKind Initializer, bool HasBias, int Units, double BackwardFanOut, double PositionsPerWeight);
