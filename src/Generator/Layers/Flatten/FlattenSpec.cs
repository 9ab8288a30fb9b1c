using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// An image as a flat vector in PyTorch's order (channel, row, column), from the channels-last order the image kernels
/// keep: a following dense layer's weight is then PyTorch's <c>nn.Linear</c> after <c>nn.Flatten()</c>, column for column.
/// </summary>
internal sealed partial record FlattenSpec(int Index, int TorchIndex, TensorShape Input)
    : LayerSpec(Index, TorchIndex, Input, TensorShape.Features(Input.Size))
{
    public override LayerKind Kind => FlattenKind.Instance;

    public override int TorchModuleCount => 1;

    public override int ParameterCount => 0;

    public override string Describe() => "Flatten";
}
