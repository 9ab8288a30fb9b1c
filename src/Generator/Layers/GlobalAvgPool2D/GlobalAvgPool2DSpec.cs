using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>Each channel's mean over the image: <c>[C, H, W]</c> to <c>[C]</c> (PyTorch <c>nn.AdaptiveAvgPool2d(1)</c>, <c>nn.Flatten()</c>).</summary>
internal sealed partial record GlobalAvgPool2DSpec(int Index, int TorchIndex, TensorShape Input)
    : LayerSpec(Index, TorchIndex, Input, TensorShape.Features(Input.Channels))
{
    public override LayerKind Kind => GlobalAvgPool2DKind.Instance;

    /// <summary>Two modules in PyTorch: the pooling, then the Flatten of its <c>[C, 1, 1]</c>.</summary>
    public override int TorchModuleCount => 2;

    public override int ParameterCount => 0;

    /// <summary>Every pixel of a channel gets 1 / (height × width) of its mean's gradient.</summary>
    public override double SignalGain => 1.0 / Input.Positions;

    public override string Describe() => "GlobalAvgPool2D";
}
