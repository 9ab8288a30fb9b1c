using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// The forward pass, the frozen forward and the two gradients of a convolution of geometry <typeparamref name="TShape"/>,
/// over channels-last images (<c>[height, width, channels]</c> per sample) and the weight <c>W[kernel, kernel, in / groups,
/// filters]</c>. Without groups the convolution is a dense product of patches (the "im2col" matrix): an output pixel's
/// patch is one row, and the dense kernels (<see cref="DenseKernels{TShape}"/>) compute every pixel of the batch with their
/// register tiles and threads; a 1 × 1 convolution at stride 1 needs no patches at all. A grouped convolution (a depthwise
/// one included) runs per pixel, vectorised over the channels. Every result is <c>bias + Σ a·b</c> over the patch in
/// order (kernel row, kernel column, channel), whichever path, tile or thread computes it.
/// </summary>
/// <typeparam name="TShape">The layer's geometry: a <c>readonly struct</c> whose members return literals.</typeparam>
public static class Conv2DKernels<TShape>
    where TShape : struct, IConv2DShape
{
    /// <summary>Output pixels per sample.</summary>
    public static int Positions
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.OutputHeight * TShape.OutputWidth;
    }

    /// <summary>
    /// Floats of patches one sample needs (0 when the layer reads its input as it is: a 1 × 1 convolution at stride 1
    /// without padding, or a grouped one). The training pass keeps the patches of the whole batch for the weight
    /// gradient; inference needs one sample's.
    /// </summary>
    public static int PatchesPerSample
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => IsPointwise || TShape.Groups > 1 ? 0 : Positions * PatchLength;
    }

    /// <summary>
    /// The forward pass: <c>y = act(conv(x, W) + b)</c> for <paramref name="count"/> samples. The patches are built in
    /// <paramref name="patches"/>, as many samples at a time as it holds; training passes room for the whole batch, which
    /// the weight gradient then reads.
    /// </summary>
    /// <param name="x">The inputs, <paramref name="count"/> channels-last images.</param>
    /// <param name="w">The weights <c>W[kernel, kernel, in / groups, filters]</c>.</param>
    /// <param name="bias">One per filter; ignored when the layer has none.</param>
    /// <param name="y">The outputs, <paramref name="count"/> channels-last images.</param>
    /// <param name="patches">Room for the patches of one sample or more (<see cref="PatchesPerSample"/> floats each); unused when that is 0.</param>
    /// <param name="count">Samples.</param>
    /// <param name="threads">Threads the product may use.</param>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, Span<float> patches, int count, int threads)
        => Run(x, w, default, bias, y, patches, count, threads, frozen: false);

    /// <summary>The forward pass of a frozen network: as <see cref="Forward"/>, reading W's panels where <see cref="Pack"/> put them.</summary>
    public static void ForwardFrozen(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> packed, ReadOnlySpan<float> bias, Span<float> y, Span<float> patches, int count)
        => Run(x, w, packed, bias, y, patches, count, 1, frozen: true);

    /// <summary>Packs W for <see cref="ForwardFrozen"/> (nothing to pack for a grouped convolution, which reads W as it is).</summary>
    public static void Pack(ReadOnlySpan<float> w, Span<float> packed)
    {
        CheckShape();
        if (TShape.Groups == 1)
        {
            DenseKernels<ConvPatchProduct<TShape>>.Pack(w, packed);
        }
    }

    /// <summary>
    /// The weight gradient, overwriting <paramref name="gradient"/>: Σ over every output pixel of its patch times its
    /// output gradient. <paramref name="patches"/> holds the batch's patches as <see cref="Forward"/> left them.
    /// </summary>
    public static void WeightGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> patches, ReadOnlySpan<float> delta, Span<float> gradient, int count, int threads)
    {
        CheckShape();
        CheckLengths(x, delta, count);
        if (TShape.Groups > 1)
        {
            GroupedConvolution<TShape>.WeightGradient(x, delta, gradient, count);
        }
        else
        {
            ReadOnlySpan<float> rows = x;
            if (!IsPointwise)
            {
                CheckPatches(patches.Length, count);
                rows = patches;
            }

            DenseKernels<ConvPatchProduct<TShape>>.WeightGradient(rows, delta, gradient, count * Positions, threads);
        }
    }

    /// <summary>
    /// The input gradient, overwriting <paramref name="inputDelta"/>. Uses <paramref name="patches"/> (room for the whole
    /// batch's) for the patches' gradients, which it then adds back into the pixels they came from.
    /// </summary>
    public static void InputGradient(ReadOnlySpan<float> delta, ReadOnlySpan<float> w, Span<float> patches, Span<float> inputDelta, int count, int threads)
    {
        CheckShape();
        CheckLengths(inputDelta, delta, count);
        if (TShape.Groups > 1)
        {
            GroupedConvolution<TShape>.InputGradient(delta, w, inputDelta, count);
        }
        else if (IsPointwise)
        {
            DenseKernels<ConvPatchProduct<TShape>>.InputGradient(delta, w, inputDelta, count * Positions, threads);
        }
        else
        {
            CheckPatches(patches.Length, count);
            Span<float> rows = patches;
            DenseKernels<ConvPatchProduct<TShape>>.InputGradient(delta, w, rows, count * Positions, threads);
            for (int sample = 0; sample < count; sample++)
            {
                Patches<TShape>.AddBack(rows.Slice(sample * PatchesPerSample, PatchesPerSample), inputDelta.Slice(sample * InputSize, InputSize));
            }
        }
    }

    /// <summary>Values in per sample.</summary>
    internal static int InputSize
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.InputHeight * TShape.InputWidth * TShape.InputChannels;
    }

    /// <summary>Values out per sample.</summary>
    internal static int OutputSize
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Positions * TShape.Filters;
    }

    /// <summary>A 1 × 1 convolution at stride 1 without padding: every input pixel is its own patch.</summary>
    private static bool IsPointwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Kernel == 1 && TShape.Stride == 1 && TShape.PadTop == 0 && TShape.PadLeft == 0
            && TShape.OutputHeight == TShape.InputHeight && TShape.OutputWidth == TShape.InputWidth;
    }

    private static int PatchLength
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Kernel * TShape.Kernel * TShape.InputChannels;
    }

    private static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> packed, ReadOnlySpan<float> bias, Span<float> y, Span<float> patches, int count, int threads, bool frozen)
    {
        CheckShape();
        CheckLengths(x, y, count);
        if (TShape.Groups > 1)
        {
            GroupedConvolution<TShape>.Forward(x, w, bias, y, count);
            return;
        }

        if (IsPointwise)
        {
            Product(x, w, packed, bias, y, count * Positions, threads, frozen);
            return;
        }

        int perCall = patches.Length / PatchesPerSample;
        if (perCall == 0)
        {
            ThrowShorter("forward (the patches' room)");
        }

        for (int start = 0; start < count; start += perCall)
        {
            int samples = Math.Min(perCall, count - start);
            Span<float> rows = patches.Slice(0, samples * PatchesPerSample);
            for (int sample = 0; sample < samples; sample++)
            {
                Patches<TShape>.Gather(x.Slice((start + sample) * InputSize, InputSize), rows.Slice(sample * PatchesPerSample, PatchesPerSample));
            }

            Product(rows, w, packed, bias, y.Slice(start * OutputSize, samples * OutputSize), samples * Positions, threads, frozen);
        }
    }

    private static void Product(ReadOnlySpan<float> rows, ReadOnlySpan<float> w, ReadOnlySpan<float> packed, ReadOnlySpan<float> bias, Span<float> y, int count, int threads, bool frozen)
    {
        if (frozen)
        {
            DenseKernels<ConvPatchProduct<TShape>>.ForwardFrozen(rows, w, packed, bias, y, count);
        }
        else
        {
            DenseKernels<ConvPatchProduct<TShape>>.Forward(rows, w, bias, y, count, threads);
        }
    }

    private static void CheckPatches(int length, int count)
    {
        if (length < (long)count * PatchesPerSample)
        {
            ThrowShorter("gradient (the batch's patches)");
        }
    }

    private static void CheckLengths(ReadOnlySpan<float> input, ReadOnlySpan<float> output, int count)
    {
        if (count < 0 || input.Length < (long)count * InputSize || output.Length < (long)count * OutputSize)
        {
            ThrowShorter("pass");
        }
    }

    /// <summary>Refuses a geometry the kernels are not written for; the JIT folds the test away for a valid one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckShape()
    {
        if (TShape.InputChannels <= 0 || TShape.Filters <= 0 || TShape.Kernel <= 0 || TShape.Stride <= 0 || TShape.Dilation <= 0
            || TShape.Groups <= 0 || TShape.InputChannels % TShape.Groups != 0 || TShape.Filters % TShape.Groups != 0
            || TShape.OutputHeight <= 0 || TShape.OutputWidth <= 0 || TShape.PadTop < 0 || TShape.PadLeft < 0
            || TShape.FusedActivation is not (Activation.Linear or Activation.ReLU or Activation.LeakyReLU))
        {
            ThrowUnsupportedShape();
        }
    }

    [DoesNotReturn]
    private static void ThrowShorter(string what)
        => throw new ArgumentException($"Conv2D {TShape.InputChannels} × {TShape.InputHeight} × {TShape.InputWidth} -> {TShape.Filters} × {TShape.OutputHeight} × {TShape.OutputWidth} {what}: a span is shorter than the layer's shape requires.");

    [DoesNotReturn]
    private static void ThrowUnsupportedShape()
        => throw new NotSupportedException(
            $"Conv2D {TShape.InputChannels} -> {TShape.Filters}, kernel {TShape.Kernel}, groups {TShape.Groups}, {TShape.FusedActivation} fused: the kernels need positive extents, channels that divide into the groups, and fuse only Linear, ReLU and LeakyReLU.");
}
