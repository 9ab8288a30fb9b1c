namespace Neuroslyn.Kernels;

/// <summary>
/// A pooling window over channels-last images: <paramref name="Pool"/> × <paramref name="Pool"/> windows every
/// <paramref name="Stride"/> pixels, <paramref name="Padding"/> positions added on each side.
/// </summary>
/// <param name="Channels">Channels in and out.</param>
/// <param name="Height">Rows of the input image.</param>
/// <param name="Width">Columns of the input image.</param>
/// <param name="Pool">The window's height and width.</param>
/// <param name="Stride">Step between windows.</param>
/// <param name="Padding">Positions added on each side (they never win a maximum, and count as zeros in a mean).</param>
public readonly record struct PoolGeometry(int Channels, int Height, int Width, int Pool, int Stride, int Padding)
{
    /// <summary>Rows of the output image, as PyTorch computes them (floor).</summary>
    public int OutputHeight => ((Height + (2 * Padding) - Pool) / Stride) + 1;

    /// <summary>Columns of the output image.</summary>
    public int OutputWidth => ((Width + (2 * Padding) - Pool) / Stride) + 1;

    /// <summary>Values in per sample.</summary>
    public int InputSize => Height * Width * Channels;

    /// <summary>Values out per sample.</summary>
    public int OutputSize => OutputHeight * OutputWidth * Channels;
}
