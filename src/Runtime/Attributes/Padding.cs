namespace Neuroslyn;

/// <summary>The padding modes a convolution or pooling layer's <c>Padding</c> accepts besides a number of zeros per side.</summary>
public static class Padding
{
    /// <summary>No padding: the kernel stays inside the input (Keras' <c>"valid"</c>, PyTorch's <c>padding=0</c>).</summary>
    public const int Valid = 0;

    /// <summary>
    /// Enough zeros that the output has ⌈input / stride⌉ positions per side, split evenly with any odd one at the bottom
    /// and right (Keras' <c>"same"</c>, ONNX's <c>SAME_UPPER</c>, PyTorch's <c>padding="same"</c> at stride 1).
    /// </summary>
    public const int Same = -1;
}
