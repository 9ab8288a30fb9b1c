using Neuroslyn.Kernels;

namespace Neuroslyn.Runtime.Tests.Kernels;

// The convolutions ConvKernelReferenceTests runs, as the shape structs the generated code passes to Conv2DKernels<TShape>:
// each constant a literal, as the generator writes them (Conv2DEmitter.EmitKernels), the output sizes included. The
// padding at the bottom and right, which the runtime derives from the output size, is written out too, for the
// reference; the tests check the output sizes against PyTorch's formula. Same padding is SAME_UPPER: total
// (⌈size / stride⌉ − 1)·stride + kernel − size, half of it (rounded down) at the top and left.

/// <summary>A convolution to test: the runtime's geometry and the zeros below and right of the input.</summary>
internal interface IConvReferenceShape : IConv2DShape
{
    /// <summary>Zero rows below the input.</summary>
    static abstract int PadBottom { get; }

    /// <summary>Zero columns right of the input.</summary>
    static abstract int PadRight { get; }
}

/// <summary>3 × 7 × 6 -> 5 × 5 × 4: kernel 3, no padding (a non-square image, so rows and columns cannot be swapped unseen).</summary>
internal readonly struct ValidConv : IConvReferenceShape
{
    public static int InputChannels => 3;
    public static int InputHeight => 7;
    public static int InputWidth => 6;
    public static int Filters => 5;
    public static int OutputHeight => 5;
    public static int OutputWidth => 4;
    public static int Kernel => 3;
    public static int Stride => 1;
    public static int Dilation => 1;
    public static int PadTop => 0;
    public static int PadLeft => 0;
    public static int PadBottom => 0;
    public static int PadRight => 0;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>2 × 5 × 6 -> 4 × 7 × 8: kernel 3, padding 2 (whole kernel rows on the padding), fused LeakyReLU.</summary>
internal readonly struct PaddedConv : IConvReferenceShape
{
    public static int InputChannels => 2;
    public static int InputHeight => 5;
    public static int InputWidth => 6;
    public static int Filters => 4;
    public static int OutputHeight => 7;
    public static int OutputWidth => 8;
    public static int Kernel => 3;
    public static int Stride => 1;
    public static int Dilation => 1;
    public static int PadTop => 2;
    public static int PadLeft => 2;
    public static int PadBottom => 2;
    public static int PadRight => 2;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.LeakyReLU;
    public static float LeakySlope => 0.1f;
}

/// <summary>3 × 6 × 5 -> 4 × 6 × 5: kernel 3, Padding.Same at stride 1, one zero on each side.</summary>
internal readonly struct SameOddConv : IConvReferenceShape
{
    public static int InputChannels => 3;
    public static int InputHeight => 6;
    public static int InputWidth => 5;
    public static int Filters => 4;
    public static int OutputHeight => 6;
    public static int OutputWidth => 5;
    public static int Kernel => 3;
    public static int Stride => 1;
    public static int Dilation => 1;
    public static int PadTop => 1;
    public static int PadLeft => 1;
    public static int PadBottom => 1;
    public static int PadRight => 1;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>3 × 6 × 7 -> 4 × 3 × 4: kernel 3, stride 2, Padding.Same: totals 1 (rows, all at the bottom) and 2 (columns, one each side).</summary>
internal readonly struct SameOddStridedConv : IConvReferenceShape
{
    public static int InputChannels => 3;
    public static int InputHeight => 6;
    public static int InputWidth => 7;
    public static int Filters => 4;
    public static int OutputHeight => 3;
    public static int OutputWidth => 4;
    public static int Kernel => 3;
    public static int Stride => 2;
    public static int Dilation => 1;
    public static int PadTop => 0;
    public static int PadLeft => 1;
    public static int PadBottom => 1;
    public static int PadRight => 1;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>2 × 5 × 6 -> 3 × 5 × 6: kernel 4, Padding.Same: three zeros per axis, one top/left and two bottom/right (SAME_UPPER).</summary>
internal readonly struct SameEvenConv : IConvReferenceShape
{
    public static int InputChannels => 2;
    public static int InputHeight => 5;
    public static int InputWidth => 6;
    public static int Filters => 3;
    public static int OutputHeight => 5;
    public static int OutputWidth => 6;
    public static int Kernel => 4;
    public static int Stride => 1;
    public static int Dilation => 1;
    public static int PadTop => 1;
    public static int PadLeft => 1;
    public static int PadBottom => 2;
    public static int PadRight => 2;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>8 × 9 × 8 -> 70 × 4 × 3: kernel 3, stride 2, the last input column unread; 72-deep patches, and filters enough for two threads' column panels and a partial one.</summary>
internal readonly struct StridedConv : IConvReferenceShape
{
    public static int InputChannels => 8;
    public static int InputHeight => 9;
    public static int InputWidth => 8;
    public static int Filters => 70;
    public static int OutputHeight => 4;
    public static int OutputWidth => 3;
    public static int Kernel => 3;
    public static int Stride => 2;
    public static int Dilation => 1;
    public static int PadTop => 0;
    public static int PadLeft => 0;
    public static int PadBottom => 0;
    public static int PadRight => 0;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>2 × 8 × 9 -> 3 × 6 × 7: kernel 3, dilation 2 (taps 5 pixels wide), padding 1.</summary>
internal readonly struct DilatedConv : IConvReferenceShape
{
    public static int InputChannels => 2;
    public static int InputHeight => 8;
    public static int InputWidth => 9;
    public static int Filters => 3;
    public static int OutputHeight => 6;
    public static int OutputWidth => 7;
    public static int Kernel => 3;
    public static int Stride => 1;
    public static int Dilation => 2;
    public static int PadTop => 1;
    public static int PadLeft => 1;
    public static int PadBottom => 1;
    public static int PadRight => 1;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>4 × 6 × 5 -> 6 × 6 × 5: kernel 3, padding 1, 2 groups of 2 channels and 3 filters.</summary>
internal readonly struct GroupedConv : IConvReferenceShape
{
    public static int InputChannels => 4;
    public static int InputHeight => 6;
    public static int InputWidth => 5;
    public static int Filters => 6;
    public static int OutputHeight => 6;
    public static int OutputWidth => 5;
    public static int Kernel => 3;
    public static int Stride => 1;
    public static int Dilation => 1;
    public static int PadTop => 1;
    public static int PadLeft => 1;
    public static int PadBottom => 1;
    public static int PadRight => 1;
    public static int Groups => 2;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>5 × 7 × 6 -> 5 × 4 × 3: depthwise (5 groups of one channel and one filter), kernel 3, stride 2, Padding.Same: totals 2 (rows, one each side) and 1 (columns, at the right), so top and left differ.</summary>
internal readonly struct DepthwiseConv : IConvReferenceShape
{
    public static int InputChannels => 5;
    public static int InputHeight => 7;
    public static int InputWidth => 6;
    public static int Filters => 5;
    public static int OutputHeight => 4;
    public static int OutputWidth => 3;
    public static int Kernel => 3;
    public static int Stride => 2;
    public static int Dilation => 1;
    public static int PadTop => 1;
    public static int PadLeft => 0;
    public static int PadBottom => 1;
    public static int PadRight => 1;
    public static int Groups => 5;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>3 × 5 × 5 -> 6 × 5 × 5: one channel and two filters per group (grouped, not the depthwise path), kernel 3, padding 1.</summary>
internal readonly struct DepthMultiplierConv : IConvReferenceShape
{
    public static int InputChannels => 3;
    public static int InputHeight => 5;
    public static int InputWidth => 5;
    public static int Filters => 6;
    public static int OutputHeight => 5;
    public static int OutputWidth => 5;
    public static int Kernel => 3;
    public static int Stride => 1;
    public static int Dilation => 1;
    public static int PadTop => 1;
    public static int PadLeft => 1;
    public static int PadBottom => 1;
    public static int PadRight => 1;
    public static int Groups => 3;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>6 × 5 × 4 -> 40 × 5 × 4: kernel 1 at stride 1, which reads the input as its own patches; filters enough for two threads.</summary>
internal readonly struct PointwiseConv : IConvReferenceShape
{
    public static int InputChannels => 6;
    public static int InputHeight => 5;
    public static int InputWidth => 4;
    public static int Filters => 40;
    public static int OutputHeight => 5;
    public static int OutputWidth => 4;
    public static int Kernel => 1;
    public static int Stride => 1;
    public static int Dilation => 1;
    public static int PadTop => 0;
    public static int PadLeft => 0;
    public static int PadBottom => 0;
    public static int PadRight => 0;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>4 × 7 × 7 -> 5 × 4 × 4: kernel 1 at stride 2, which needs patches.</summary>
internal readonly struct StridedPointwiseConv : IConvReferenceShape
{
    public static int InputChannels => 4;
    public static int InputHeight => 7;
    public static int InputWidth => 7;
    public static int Filters => 5;
    public static int OutputHeight => 4;
    public static int OutputWidth => 4;
    public static int Kernel => 1;
    public static int Stride => 2;
    public static int Dilation => 1;
    public static int PadTop => 0;
    public static int PadLeft => 0;
    public static int PadBottom => 0;
    public static int PadRight => 0;
    public static int Groups => 1;
    public static bool HasBias => true;
    public static Activation FusedActivation => Activation.Linear;
    public static float LeakySlope => 0.01f;
}

/// <summary>3 × 6 × 6 -> 4 × 5 × 5: kernel 2, no bias, fused ReLU.</summary>
internal readonly struct UnbiasedConv : IConvReferenceShape
{
    public static int InputChannels => 3;
    public static int InputHeight => 6;
    public static int InputWidth => 6;
    public static int Filters => 4;
    public static int OutputHeight => 5;
    public static int OutputWidth => 5;
    public static int Kernel => 2;
    public static int Stride => 1;
    public static int Dilation => 1;
    public static int PadTop => 0;
    public static int PadLeft => 0;
    public static int PadBottom => 0;
    public static int PadRight => 0;
    public static int Groups => 1;
    public static bool HasBias => false;
    public static Activation FusedActivation => Activation.ReLU;
    public static float LeakySlope => 0.01f;
}
