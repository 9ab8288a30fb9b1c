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

    public override string Describe() => $"{Kind.ShortName}({Pool})";
}
