using System;

namespace Neuroslyn;

/// <summary>
/// An image <c>[channels, height, width]</c> as a flat vector of channels × height × width values, in PyTorch's order
/// (channel, then row, then column), so that a following <see cref="DenseAttribute"/> layer's weight matches PyTorch's
/// <c>nn.Flatten()</c> then <c>nn.Linear</c> (Keras <c>Flatten</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
}
