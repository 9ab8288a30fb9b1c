namespace Neuroslyn.Kernels;

/// <summary>
/// The geometry of one convolution, as constants: the generated code implements it with a <c>readonly struct</c> per
/// layer and passes that struct to <see cref="Conv2DKernels{TShape}"/>, which the JIT compiles once per struct with every
/// extent a literal (as <see cref="IDenseShape"/> does for a dense layer). Images are kept channels-last inside the
/// kernels (one pixel's channels adjacent): the convolution is then a product of each output pixel's patch with the
/// weight, <c>W[kernel, kernel, in / groups, filters]</c>.
/// </summary>
/// <remarks>
/// Output sizes are given, not derived, so that the kernels need no division: the generator computes them as PyTorch
/// does, <c>(input + padding − dilation·(kernel − 1) − 1) / stride + 1</c>.
/// </remarks>
public interface IConv2DShape
{
    /// <summary>Channels in.</summary>
    static abstract int InputChannels { get; }

    /// <summary>Rows of the input image.</summary>
    static abstract int InputHeight { get; }

    /// <summary>Columns of the input image.</summary>
    static abstract int InputWidth { get; }

    /// <summary>Channels out.</summary>
    static abstract int Filters { get; }

    /// <summary>Rows of the output image.</summary>
    static abstract int OutputHeight { get; }

    /// <summary>Columns of the output image.</summary>
    static abstract int OutputWidth { get; }

    /// <summary>The kernel's height and width.</summary>
    static abstract int Kernel { get; }

    /// <summary>Step between kernel positions, along both sides.</summary>
    static abstract int Stride { get; }

    /// <summary>Spacing between the kernel's taps.</summary>
    static abstract int Dilation { get; }

    /// <summary>Zero rows above the input (those below follow from the output height).</summary>
    static abstract int PadTop { get; }

    /// <summary>Zero columns left of the input (those on the right follow from the output width).</summary>
    static abstract int PadLeft { get; }

    /// <summary>Groups of channels convolved separately; divides <see cref="InputChannels"/> and <see cref="Filters"/>.</summary>
    static abstract int Groups { get; }

    /// <summary>Whether a bias per filter is added.</summary>
    static abstract bool HasBias { get; }

    /// <summary>Applied as each result is stored: Linear, ReLU or LeakyReLU only (others run over the output afterwards).</summary>
    static abstract Activation FusedActivation { get; }

    /// <summary>The negative slope when <see cref="FusedActivation"/> is LeakyReLU.</summary>
    static abstract float LeakySlope { get; }
}
