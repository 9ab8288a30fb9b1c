using System;

namespace Neuroslyn;

/// <summary>
/// The mean of each window, per channel, over an image <c>[channels, height, width]</c> (PyTorch <c>nn.AvgPool2d</c>
/// with its defaults; Keras <c>AveragePooling2D</c>). Padded positions count as zeros in the mean, as PyTorch's
/// <c>count_include_pad=True</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2DAttribute : Attribute
{
    /// <summary>Creates an average-pooling layer.</summary>
    /// <param name="pool">The window's height and width (PyTorch <c>kernel_size</c>).</param>
    public AvgPool2DAttribute(int pool) => Pool = pool;

    /// <summary>The window's height and width.</summary>
    public int Pool { get; }

    /// <summary>Step between windows. Default (0): the window's size, as PyTorch and Keras.</summary>
    public int Stride { get; set; }

    /// <summary>Zeros added on each side (PyTorch <c>padding</c>): at most half the window. Default 0.</summary>
    public int Padding { get; set; }
}
