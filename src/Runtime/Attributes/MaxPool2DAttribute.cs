using System;

namespace Neuroslyn;

/// <summary>
/// The largest value of each window, per channel, over an image <c>[channels, height, width]</c> (PyTorch
/// <c>nn.MaxPool2d</c>; Keras <c>MaxPooling2D</c>). Backpropagation sends each window's gradient to its first largest
/// input in row-major order, as PyTorch does.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : Attribute
{
    /// <summary>Creates a max-pooling layer.</summary>
    /// <param name="pool">The window's height and width (PyTorch <c>kernel_size</c>).</param>
    public MaxPool2DAttribute(int pool) => Pool = pool;

    /// <summary>The window's height and width.</summary>
    public int Pool { get; }

    /// <summary>Step between windows. Default (0): the window's size, as PyTorch and Keras.</summary>
    public int Stride { get; set; }

    /// <summary>Positions added on each side that never win the maximum (PyTorch <c>padding</c>): at most half the window. Default 0.</summary>
    public int Padding { get; set; }
}
