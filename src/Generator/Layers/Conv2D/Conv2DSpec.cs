using System.Collections.Generic;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>Where a convolution's kernel goes: its size, step, spacing, groups and the zeros around the input.</summary>
/// <param name="Kernel">The kernel's height and width.</param>
/// <param name="Stride">Step between kernel positions.</param>
/// <param name="Dilation">Spacing between the kernel's taps.</param>
/// <param name="Groups">Groups of channels convolved separately.</param>
/// <param name="PadTop">Zero rows above the input.</param>
/// <param name="PadLeft">Zero columns left of it.</param>
/// <param name="PadBottom">Zero rows below it ("same" padding puts an odd one here).</param>
/// <param name="PadRight">Zero columns right of it.</param>
internal sealed record ConvGeometry(int Kernel, int Stride, int Dilation, int Groups, int PadTop, int PadLeft, int PadBottom, int PadRight);

/// <summary>
/// A 2-D convolution, <c>y = activation(conv(x, W) + b)</c>, over channels-last images inside the network; W stored
/// <c>[kernel, kernel, in / groups, filters]</c>, a permutation of PyTorch's <c>[filters, in / groups, kernel, kernel]</c>.
/// </summary>
/// <param name="Name">Prefix of the layer's tensor names: the user's <c>Name</c>, else <c>TorchIndex</c>.</param>
internal sealed partial record Conv2DSpec(
    int Index, int TorchIndex, TensorShape Input, TensorShape Output, ConvGeometry Geometry,
    ActivationKind Activation, float LeakySlope, InitializerKind Initializer, bool UseBias,
    int WeightOffset, int BiasOffset, string Name)
    : LayerSpec(Index, TorchIndex, Input, Output)
{
    public override LayerKind Kind => Conv2DKind.Instance;

    public override int TorchModuleCount => Activation == ActivationKind.Linear ? 1 : 2;

    public int Filters => Output.Channels;

    /// <summary>Input channels each filter sees.</summary>
    public int GroupInputs => Input.Channels / Geometry.Groups;

    public int WeightCount => Geometry.Kernel * Geometry.Kernel * GroupInputs * Filters;

    public override int ParameterCount => WeightCount + (UseBias ? Filters : 0);

    /// <summary>
    /// Floats of patches per sample the runtime's kernels build (the same test as <c>Conv2DKernels.PatchesPerSample</c>):
    /// none for a grouped convolution or a 1 × 1 one at stride 1 without padding, which read the input as it is.
    /// </summary>
    public int PatchesPerSample
    {
        get
        {
            bool pointwise = Geometry.Kernel == 1 && Geometry.Stride == 1 && Geometry.PadTop == 0 && Geometry.PadLeft == 0
                && Output.Height == Input.Height && Output.Width == Input.Width;
            return pointwise || Geometry.Groups > 1 ? 0 : Output.Positions * Geometry.Kernel * Geometry.Kernel * Input.Channels;
        }
    }

    /// <summary>PyTorch's <c>nn.Conv2d</c>: <c>weight [filters, in / groups, kernel, kernel]</c>, stored kernel-major, and <c>bias [filters]</c>.</summary>
    public override IEnumerable<TensorSpec> Tensors
    {
        get
        {
            yield return new TensorSpec(
                $"{Name}.weight", "Weight", WeightOffset,
                new[] { Filters, GroupInputs, Geometry.Kernel, Geometry.Kernel }.ToEquatableArray(), new[] { 2, 3, 1, 0 }.ToEquatableArray());
            if (UseBias)
            {
                yield return new TensorSpec($"{Name}.bias", "Bias", BiasOffset, new[] { Filters }.ToEquatableArray(), EquatableArray<int>.Empty);
            }
        }
    }

    public override ActivationKind? AppliedActivation => Activation;

    public override float AppliedSlope => LeakySlope;

    /// <summary>
    /// PyTorch's fans for a convolution's weight (in / groups × kernel area, and filters × kernel area), which the
    /// initializers draw with; and what the backward pass really sums, which stride, padding and groups make fewer:
    /// each input value's gradient gathers filters / groups × the taps that land on it, and each weight's gradient the
    /// output positions where its tap lands on the input.
    /// </summary>
    public override WeightFacts? Weights
    {
        get
        {
            int area = Geometry.Kernel * Geometry.Kernel;
            double taps = (double)SlidingWindow.TapsOnInput(Input.Height, Output.Height, Geometry.Kernel, Geometry.Stride, Geometry.Dilation, Geometry.PadTop)
                * SlidingWindow.TapsOnInput(Input.Width, Output.Width, Geometry.Kernel, Geometry.Stride, Geometry.Dilation, Geometry.PadLeft);
            return new(
                GroupInputs * area, Filters * area, Initializer, UseBias, Units: Filters,
                BackwardFanOut: Filters / Geometry.Groups * taps / Input.Positions,
                PositionsPerWeight: taps / area);
        }
    }

    public override int KernelSize => Geometry.Kernel;

    /// <summary>The layer's shape struct, the type argument of the runtime's convolution kernels.</summary>
    public override IEnumerable<string> GeneratedMembers => [ShapeName(Index)];

    /// <summary>The name of layer <paramref name="index"/>'s shape struct: <c>Conv0Shape</c>.</summary>
    public static string ShapeName(int index) => $"Conv{index}Shape";

    public override string Describe() => Activation == ActivationKind.Linear
        ? $"Conv2D({Filters}, {Geometry.Kernel})"
        : $"Conv2D({Filters}, {Geometry.Kernel}, {Activation})";
}
