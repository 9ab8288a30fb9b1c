using System;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>Max or average pooling over windows of an image, per channel (PyTorch <c>nn.MaxPool2d</c>, <c>nn.AvgPool2d</c>).</summary>
/// <param name="IsMax">True for the maximum of each window, false for its mean.</param>
/// <param name="Pool">The window's height and width.</param>
/// <param name="Stride">Step between windows.</param>
/// <param name="Padding">Positions added on each side.</param>
internal sealed partial record Pool2DSpec(int Index, int TorchIndex, TensorShape Input, TensorShape Output, bool IsMax, int Pool, int Stride, int Padding)
    : LayerSpec(Index, TorchIndex, Input, Output)
{
    public override LayerKind Kind => IsMax ? MaxPool2DKind.Instance : AvgPool2DKind.Instance;

    public override int TorchModuleCount => 1;

    public override int ParameterCount => 0;

    /// <summary>
    /// Max: each output's gradient goes to one input, its window's maximum (padding never is one), so the gradient's
    /// energy is kept and spread over more values: √(output pixels / input pixels). Average: each output's gradient is
    /// split into Pool² shares, one per tap, and the shares of taps on padding are lost (PyTorch's
    /// <c>count_include_pad</c>): √(taps on the input / input pixels) / Pool².
    /// </summary>
    public override double SignalGain => IsMax
        ? Math.Sqrt((double)Output.Positions / Input.Positions)
        : Math.Sqrt((double)SlidingWindow.TapsOnInput(Input.Height, Output.Height, Pool, Stride, 1, Padding)
            * SlidingWindow.TapsOnInput(Input.Width, Output.Width, Pool, Stride, 1, Padding) / Input.Positions) / (Pool * Pool);

    /// <summary>A maximum is not affine; a mean is.</summary>
    public override bool IsAffineInInference => !IsMax;

    public override int KernelSize => Pool;

    public override string Describe() => $"{Kind.ShortName}({Pool})";
}
