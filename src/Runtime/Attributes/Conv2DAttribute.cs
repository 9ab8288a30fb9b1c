using System;

namespace Neuroslyn;

/// <summary>
/// A 2-D convolution over an image <c>[channels, height, width]</c>, then an activation (PyTorch <c>nn.Conv2d</c>
/// followed by the activation; Keras <c>Conv2D</c>). Its weight is PyTorch's <c>[filters, in_channels / groups,
/// kernel, kernel]</c> in weight files; its output is <c>[filters, out_height, out_width]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>Creates a convolution.</summary>
    /// <param name="filters">Output channels (PyTorch <c>out_channels</c>); must be positive.</param>
    /// <param name="kernel">The kernel's height and width (PyTorch <c>kernel_size</c>); must be positive.</param>
    /// <param name="activation">Activation applied to the outputs. Default: <see cref="Activation.Linear"/>.</param>
    public Conv2DAttribute(int filters, int kernel, Activation activation = Activation.Linear)
    {
        Filters = filters;
        Kernel = kernel;
        Activation = activation;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>The kernel's height and width.</summary>
    public int Kernel { get; }

    /// <summary>Activation applied to the outputs.</summary>
    public Activation Activation { get; }

    /// <summary>Step between kernel positions, along both sides. Default 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>
    /// Zeros added on each side of the input, or <see cref="Neuroslyn.Padding.Same"/> for an output of
    /// ⌈input / stride⌉ per side (Keras' <c>padding="same"</c>; PyTorch's <c>padding="same"</c> at stride 1). Default 0
    /// (<see cref="Neuroslyn.Padding.Valid"/>).
    /// </summary>
    public int Padding { get; set; }

    /// <summary>Spacing between the kernel's taps (PyTorch <c>dilation</c>). Default 1.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>
    /// Groups of channels convolved separately (PyTorch <c>groups</c>): in-channels and filters must both divide by it.
    /// Groups equal to the in-channels is a depthwise convolution. Default 1.
    /// </summary>
    public int Groups { get; set; } = 1;

    /// <summary>Weight initialisation. Default: chosen from the activation (fan-in = in-channels / groups × kernel²).</summary>
    public Initializer Initializer { get; set; }

    /// <summary>Whether the layer adds a bias per filter. Default true.</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Negative slope of <see cref="Activation.LeakyReLU"/>. Default 0.01, as PyTorch.</summary>
    public float LeakySlope { get; set; } = 0.01f;

    /// <summary>
    /// Prefix of the layer's tensors in weight files: <c>Name = "conv1"</c> gives <c>conv1.weight</c> and
    /// <c>conv1.bias</c>. Default: the index of the layer's module in the equivalent <c>nn.Sequential</c>.
    /// </summary>
    public string? Name { get; set; }
}
