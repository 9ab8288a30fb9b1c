using System;
using System.Linq;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Kernels;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// The second convolution of <see cref="CnnNet"/> (32×14×14 → 64×14×14, 3×3, padding 1, ReLU fused, bias) as its
/// generated <c>ComputeGradients</c> runs it, over a batch of 64 channels-last images on one thread: the forward pass,
/// then the ReLU mask on the output gradient, the weight gradient, the bias gradient (column sums) and the input
/// gradient, the same runtime calls in the same order. The patches are gathered and added back inside the timed call,
/// as in training. <see cref="KernelEfficiency"/> times it; only the three products count as FLOPs.
/// </summary>
public sealed class SecondConvolution
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 64;

    /// <summary>
    /// FLOPs of one call: the forward product, the weight gradient and the input gradient, each 2 per multiply-add of
    /// every output pixel's patch (3×3 taps × 32 channels, padded taps included) with the 64 filters: 3 × 2 · 64 · 196 ·
    /// 288 · 64.
    /// </summary>
    public const long Flops = 3L * 2 * Batch * (14 * 14) * (3 * 3 * 32) * 64;

    private readonly float[] _x = new float[Batch * Shape.InputHeight * Shape.InputWidth * Shape.InputChannels];
    private readonly float[] _w = new float[Shape.Kernel * Shape.Kernel * Shape.InputChannels * Shape.Filters];
    private readonly float[] _bias = new float[Shape.Filters];
    private readonly float[] _y = new float[Batch * Shape.OutputHeight * Shape.OutputWidth * Shape.Filters];
    private readonly float[] _delta = new float[Batch * Shape.OutputHeight * Shape.OutputWidth * Shape.Filters];
    private readonly float[] _biasGradient = new float[Shape.Filters];
    private readonly float[] _gradient = new float[Shape.Kernel * Shape.Kernel * Shape.InputChannels * Shape.Filters];
    private readonly float[] _inputDelta = new float[Batch * Shape.InputHeight * Shape.InputWidth * Shape.InputChannels];
    private readonly float[] _patches = new float[Batch * Conv2DKernels<Shape>.PatchesPerSample];

    /// <summary>Random inputs, weights and output gradients; fails unless the geometry is <see cref="CnnNet"/>'s second convolution.</summary>
    public SecondConvolution()
    {
        Conv2DLayerInfo layer = CnnNet.Layers.OfType<Conv2DLayerInfo>().ElementAt(1);
        if (!layer.Input.SequenceEqual([Shape.InputChannels, Shape.InputHeight, Shape.InputWidth])
            || !layer.Output.SequenceEqual([Shape.Filters, Shape.OutputHeight, Shape.OutputWidth])
            || layer.Kernel != Shape.Kernel || layer.Stride != 1 || layer.Dilation != 1 || layer.Groups != 1
            || !layer.Pads.All(pad => pad == Shape.PadTop) || layer.Activation != Activation.ReLU || !layer.UseBias)
        {
            throw new InvalidOperationException($"SecondConvolution's geometry is no longer CnnNet's second convolution ({layer.Description}, {string.Join("x", layer.Input)} -> {string.Join("x", layer.Output)}).");
        }

        var random = new Random(5);
        Fill(_x, random, 0, 1);
        Fill(_w, random, -0.06f, 0.06f);
        Fill(_bias, random, -0.06f, 0.06f);
        // Masked in place by every call, which leaves it as it was after the first: each call does the same work.
        Fill(_delta, random, -1e-3f, 1e-3f);
    }

    /// <summary>Forward and backward at batch 64, one thread; returns a value that depends on every step.</summary>
    public float Run()
    {
        Conv2DKernels<Shape>.Forward(_x, _w, _bias, _y, _patches, Batch, threads: 1);
        ActivationKernels.ReLUBackward(_y, _delta);
        Conv2DKernels<Shape>.WeightGradient(_x, _patches, _delta, _gradient, Batch, threads: 1);
        MatrixKernels.ColumnSums(_delta, Batch * Shape.OutputHeight * Shape.OutputWidth, Shape.Filters, _biasGradient);
        Conv2DKernels<Shape>.InputGradient(_delta, _w, _patches, _inputDelta, Batch, threads: 1);
        return _y[^1] + _gradient[^1] + _biasGradient[^1] + _inputDelta[^1];
    }

    private static void Fill(float[] values, Random random, float low, float high)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = low + ((high - low) * random.NextSingle());
        }
    }

    /// <summary>The geometry, as the generator writes a layer's shape struct.</summary>
    private readonly struct Shape : IConv2DShape
    {
        public static int InputChannels => 32;

        public static int InputHeight => 14;

        public static int InputWidth => 14;

        public static int Filters => 64;

        public static int OutputHeight => 14;

        public static int OutputWidth => 14;

        public static int Kernel => 3;

        public static int Stride => 1;

        public static int Dilation => 1;

        public static int PadTop => 1;

        public static int PadLeft => 1;

        public static int Groups => 1;

        public static bool HasBias => true;

        public static Activation FusedActivation => Activation.ReLU;

        public static float LeakySlope => 0.01f;
    }
}
