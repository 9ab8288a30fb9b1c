using System;

namespace Neuroslyn;

/// <summary>
/// Closes the residual block opened by the last <see cref="ResidualAttribute"/>: adds the block's input to the output of
/// its body and applies <see cref="Activation"/> to the sum, <c>y = activation(f(x) + x)</c>. Where the body changes the
/// shape (more channels, a stride), the input passes through a 1 × 1 convolution with a bias first (a linear layer for
/// vectors), the projection shortcut of He et al. (2016), whose stride matches the body's.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EndResidualAttribute : Attribute
{
    /// <summary>Closes a residual block.</summary>
    /// <param name="activation">Activation applied to the sum. Default: ReLU, as in ResNet's blocks.</param>
    public EndResidualAttribute(Activation activation = Activation.ReLU) => Activation = activation;

    /// <summary>Activation applied to the sum.</summary>
    public Activation Activation { get; }

    /// <summary>Negative slope when <see cref="Activation"/> is LeakyReLU. Default 0.01.</summary>
    public float LeakySlope { get; set; } = 0.01f;
}
