using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>
/// A convolution with groups, computed pixel by pixel over channels-last images: each tap multiplies a row of
/// <c>W[kernel, kernel, in / groups, filters]</c> into the output pixel's channels. A depthwise convolution (one input and
/// one output channel per group) is one vector operation over all channels per tap. Single-threaded: the products are
/// small, and the results then do not depend on the number of threads.
/// </summary>
internal static class GroupedConvolution<TShape>
    where TShape : struct, IConv2DShape
{
    private static int GroupInputs => TShape.InputChannels / TShape.Groups;

    private static int GroupFilters => TShape.Filters / TShape.Groups;

    private static bool IsDepthwise => GroupInputs == 1 && GroupFilters == 1;

    private static int InputSize => TShape.InputHeight * TShape.InputWidth * TShape.InputChannels;

    private static int Positions => TShape.OutputHeight * TShape.OutputWidth;

    private static int WeightLength => TShape.Kernel * TShape.Kernel * GroupInputs * TShape.Filters;

    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, int count)
    {
        CheckWeights(w.Length, bias.Length);
        int filters = TShape.Filters;
        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<float> image = x.Slice(sample * InputSize, InputSize);
            for (int p = 0; p < Positions; p++)
            {
                Span<float> output = y.Slice(((sample * Positions) + p) * filters, filters);
                if (TShape.HasBias)
                {
                    bias.Slice(0, filters).CopyTo(output);
                }
                else
                {
                    output.Clear();
                }

                for (int ky = 0; ky < TShape.Kernel; ky++)
                {
                    for (int kx = 0; kx < TShape.Kernel; kx++)
                    {
                        if (!TryPixel(p, ky, kx, out int pixel))
                        {
                            continue;
                        }

                        ReadOnlySpan<float> input = image.Slice(pixel * TShape.InputChannels, TShape.InputChannels);
                        int tap = ((ky * TShape.Kernel) + kx) * GroupInputs;
                        if (IsDepthwise)
                        {
                            TensorPrimitives.FusedMultiplyAdd(input, w.Slice(tap * filters, filters), output, output);
                            continue;
                        }

                        for (int group = 0; group < TShape.Groups; group++)
                        {
                            Span<float> groupOutput = output.Slice(group * GroupFilters, GroupFilters);
                            for (int i = 0; i < GroupInputs; i++)
                            {
                                ReadOnlySpan<float> row = w.Slice(((tap + i) * filters) + (group * GroupFilters), GroupFilters);
                                TensorPrimitives.FusedMultiplyAdd(row, input[(group * GroupInputs) + i], groupOutput, groupOutput);
                            }
                        }
                    }
                }
            }
        }

        Span<float> all = y.Slice(0, count * Positions * filters);
        if (TShape.FusedActivation == Activation.ReLU)
        {
            ActivationKernels.ReLU(all);
        }
        else if (TShape.FusedActivation == Activation.LeakyReLU)
        {
            ActivationKernels.LeakyReLU(all, TShape.LeakySlope);
        }
    }

    public static void WeightGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> gradient, int count)
    {
        CheckWeights(gradient.Length, TShape.Filters);
        int filters = TShape.Filters;
        gradient = gradient.Slice(0, WeightLength);
        gradient.Clear();
        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<float> image = x.Slice(sample * InputSize, InputSize);
            for (int p = 0; p < Positions; p++)
            {
                ReadOnlySpan<float> outputDelta = delta.Slice(((sample * Positions) + p) * filters, filters);
                for (int ky = 0; ky < TShape.Kernel; ky++)
                {
                    for (int kx = 0; kx < TShape.Kernel; kx++)
                    {
                        if (!TryPixel(p, ky, kx, out int pixel))
                        {
                            continue;
                        }

                        ReadOnlySpan<float> input = image.Slice(pixel * TShape.InputChannels, TShape.InputChannels);
                        int tap = ((ky * TShape.Kernel) + kx) * GroupInputs;
                        if (IsDepthwise)
                        {
                            Span<float> row = gradient.Slice(tap * filters, filters);
                            TensorPrimitives.FusedMultiplyAdd(input, outputDelta, row, row);
                            continue;
                        }

                        for (int group = 0; group < TShape.Groups; group++)
                        {
                            ReadOnlySpan<float> groupDelta = outputDelta.Slice(group * GroupFilters, GroupFilters);
                            for (int i = 0; i < GroupInputs; i++)
                            {
                                Span<float> row = gradient.Slice(((tap + i) * filters) + (group * GroupFilters), GroupFilters);
                                TensorPrimitives.FusedMultiplyAdd(groupDelta, input[(group * GroupInputs) + i], row, row);
                            }
                        }
                    }
                }
            }
        }
    }

    public static void InputGradient(ReadOnlySpan<float> delta, ReadOnlySpan<float> w, Span<float> inputDelta, int count)
    {
        CheckWeights(w.Length, TShape.Filters);
        int filters = TShape.Filters;
        inputDelta.Slice(0, count * InputSize).Clear();
        for (int sample = 0; sample < count; sample++)
        {
            Span<float> image = inputDelta.Slice(sample * InputSize, InputSize);
            for (int p = 0; p < Positions; p++)
            {
                ReadOnlySpan<float> outputDelta = delta.Slice(((sample * Positions) + p) * filters, filters);
                for (int ky = 0; ky < TShape.Kernel; ky++)
                {
                    for (int kx = 0; kx < TShape.Kernel; kx++)
                    {
                        if (!TryPixel(p, ky, kx, out int pixel))
                        {
                            continue;
                        }

                        Span<float> input = image.Slice(pixel * TShape.InputChannels, TShape.InputChannels);
                        int tap = ((ky * TShape.Kernel) + kx) * GroupInputs;
                        if (IsDepthwise)
                        {
                            TensorPrimitives.FusedMultiplyAdd(w.Slice(tap * filters, filters), outputDelta, input, input);
                            continue;
                        }

                        for (int group = 0; group < TShape.Groups; group++)
                        {
                            ReadOnlySpan<float> groupDelta = outputDelta.Slice(group * GroupFilters, GroupFilters);
                            for (int i = 0; i < GroupInputs; i++)
                            {
                                ReadOnlySpan<float> row = w.Slice(((tap + i) * filters) + (group * GroupFilters), GroupFilters);
                                input[(group * GroupInputs) + i] += TensorPrimitives.Dot(row, groupDelta);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The input pixel under tap (<paramref name="ky"/>, <paramref name="kx"/>) of output pixel <paramref name="position"/>; false on the padding.</summary>
    private static bool TryPixel(int position, int ky, int kx, out int pixel)
    {
        int oy = position / TShape.OutputWidth, ox = position - (oy * TShape.OutputWidth);
        int iy = (oy * TShape.Stride) - TShape.PadTop + (ky * TShape.Dilation);
        int ix = (ox * TShape.Stride) - TShape.PadLeft + (kx * TShape.Dilation);
        pixel = (iy * TShape.InputWidth) + ix;
        return (uint)iy < (uint)TShape.InputHeight && (uint)ix < (uint)TShape.InputWidth;
    }

    private static void CheckWeights(int weights, int bias)
    {
        if (weights < WeightLength || (TShape.HasBias && bias < TShape.Filters))
        {
            ThrowShorter();
        }
    }

    [DoesNotReturn]
    private static void ThrowShorter()
        => throw new ArgumentException($"Conv2D {TShape.InputChannels} -> {TShape.Filters} in {TShape.Groups} groups: the weights or the bias are shorter than the layer's shape requires.");
}
