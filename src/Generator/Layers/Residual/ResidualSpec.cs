using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// Where a residual block starts: the identity, whose output (the block's input) the block's
/// <see cref="EndResidualSpec"/> adds to the body's output. In PyTorch the whole block is one module of the
/// <c>nn.Sequential</c>, counted here: its body's layers are numbered inside it (<c>3.body.0</c>).
/// </summary>
/// <param name="Name">Prefix of the block's tensor names: the user's <c>Name</c>, else its module index.</param>
internal sealed partial record ResidualSpec(int Index, int TorchIndex, TensorShape Shape, string Name)
    : LayerSpec(Index, TorchIndex, Shape, Shape)
{
    public override LayerKind Kind => ResidualKind.Instance;

    public override int TorchModuleCount => 1;

    public override int ParameterCount => 0;

    public override bool PassesThrough => true;

    public override bool IsIdentityInInference => true;

    public override string Describe() => "Residual";
}
