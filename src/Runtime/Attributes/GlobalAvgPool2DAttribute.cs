using System;

namespace Neuroslyn;

/// <summary>
/// The mean of each channel over the whole image: <c>[channels, height, width]</c> to <c>[channels]</c> (Keras
/// <c>GlobalAveragePooling2D</c>; PyTorch <c>nn.AdaptiveAvgPool2d(1)</c> followed by <c>nn.Flatten()</c>, two modules in
/// an <c>nn.Sequential</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool2DAttribute : Attribute
{
}
