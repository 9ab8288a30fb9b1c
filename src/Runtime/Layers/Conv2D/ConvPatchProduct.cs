using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// A convolution of one group as a dense product: each output pixel's patch (kernel × kernel × in-channels values, in
/// that order) times <c>W[patch, filters]</c>. The dense kernels then run the convolution with their register tiles,
/// panels and threads, every output pixel of the batch one row.
/// </summary>
internal readonly struct ConvPatchProduct<TShape> : IDenseShape
    where TShape : struct, IConv2DShape
{
    public static int Inputs
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Kernel * TShape.Kernel * TShape.InputChannels;
    }

    public static int Outputs
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Filters;
    }

    public static bool HasBias
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.HasBias;
    }

    public static Activation FusedActivation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.FusedActivation;
    }

    public static float LeakySlope
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.LeakySlope;
    }
}
