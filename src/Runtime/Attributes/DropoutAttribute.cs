using System;

namespace Neuroslyn;

/// <summary>
/// Inverted dropout: in training each input is zeroed with probability <see cref="Rate"/> and the survivors are
/// scaled by 1 / (1 - rate); in inference the layer is the identity (PyTorch <c>nn.Dropout</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Creates a dropout layer.</summary>
    /// <param name="rate">Probability of dropping each unit, in [0, 1).</param>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>Probability of dropping each unit.</summary>
    public double Rate { get; }
}
