using System;

namespace Neuroslyn;

/// <summary>
/// Opens a residual block: the layers declared after it, up to the next <see cref="EndResidualAttribute"/>, are the
/// block's body <c>f</c>, and the block computes <c>activation(f(x) + x)</c> (He et al., 2016), with a 1 × 1 projection
/// of <c>x</c> where the body changes the shape. Blocks follow one another; they do not nest.
/// </summary>
/// <remarks>
/// In PyTorch the block is one module of the equivalent <c>nn.Sequential</c>, with the body as an
/// <c>nn.Sequential</c> named <c>body</c> and the projection as an <c>nn.Conv2d</c> (<c>nn.Linear</c> for vectors) named
/// <c>shortcut</c>; the README shows the ten-line <c>Residual</c> module whose state_dict names these are
/// (<c>3.body.0.weight</c>, <c>3.shortcut.weight</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualAttribute : Attribute
{
    /// <summary>
    /// Prefix of the block's tensors in weight files: <c>Name = "layer1"</c> names the body's first convolution
    /// <c>layer1.body.0.weight</c> and the projection <c>layer1.shortcut.weight</c>. Default: the index of the block's
    /// module in the equivalent <c>nn.Sequential</c>. A <c>Name</c> set on a layer inside the block is that layer's whole
    /// prefix.
    /// </summary>
    public string? Name { get; set; }
}
