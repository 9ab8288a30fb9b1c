using System;
using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// The runtime's convolution kernels (<see cref="Conv2DKernels{TShape}"/>, and the bias gradient the generated code
/// takes from <see cref="MatrixKernels.ColumnSums"/>) against <see cref="ScalarConvReference"/>, on random data, one
/// geometry per test (the shape structs of ConvReferenceShapes.cs): the data are made in PyTorch's layouts, moved to the
/// kernels' by <see cref="ReferenceLayouts"/>, and the results moved back. Beyond the tolerance, the kernels promise the same bits
/// whatever the number of threads, however many samples' patches fit the room given, and frozen or not.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class ConvKernelReferenceTests
{
    /// <summary>One sample, and an odd batch (the product's rows then end in a remainder of its row tiles).</summary>
    private static readonly int[] Counts = [1, 3];

    [Fact]
    public void A_valid_convolution_matches_the_reference() => Check<ValidConv>();

    [Fact]
    public void Numeric_padding_with_a_fused_leaky_relu_matches_the_reference() => Check<PaddedConv>();

    [Fact]
    public void Same_padding_with_an_odd_kernel_matches_the_reference() => Check<SameOddConv>();

    [Fact]
    public void Same_padding_at_stride_2_puts_its_odd_zero_at_the_bottom() => Check<SameOddStridedConv>();

    [Fact]
    public void Same_padding_with_an_even_kernel_puts_its_odd_zero_at_the_bottom_and_right() => Check<SameEvenConv>();

    [Fact]
    public void A_strided_convolution_matches_the_reference() => Check<StridedConv>();

    [Fact]
    public void A_dilated_convolution_matches_the_reference() => Check<DilatedConv>();

    [Fact]
    public void A_convolution_in_two_groups_matches_the_reference() => Check<GroupedConv>();

    [Fact]
    public void A_depthwise_convolution_with_same_padding_at_stride_2_matches_the_reference() => Check<DepthwiseConv>();

    [Fact]
    public void A_grouped_convolution_with_two_filters_per_channel_matches_the_reference() => Check<DepthMultiplierConv>();

    [Fact]
    public void A_pointwise_convolution_matches_the_reference() => Check<PointwiseConv>();

    [Fact]
    public void A_strided_1x1_convolution_matches_the_reference() => Check<StridedPointwiseConv>();

    [Fact]
    public void A_convolution_without_a_bias_and_a_fused_relu_matches_the_reference() => Check<UnbiasedConv>();

    /// <summary>
    /// The same-padded shapes hold what Keras and ONNX's SAME_UPPER give: ⌈size / stride⌉ outputs, from a total of
    /// (outputs − 1)·stride + kernel − size zeros, the odd one at the bottom or right.
    /// </summary>
    [Fact]
    public void The_same_padded_shapes_are_same_upper()
    {
        AssertSameUpper<SameOddConv>();
        AssertSameUpper<SameOddStridedConv>();
        AssertSameUpper<SameEvenConv>();
        AssertSameUpper<DepthwiseConv>();

        static void AssertSameUpper<TShape>()
            where TShape : struct, IConvReferenceShape
        {
            Assert.Equal((TShape.InputHeight + TShape.Stride - 1) / TShape.Stride, TShape.OutputHeight);
            Assert.Equal((TShape.InputWidth + TShape.Stride - 1) / TShape.Stride, TShape.OutputWidth);
            int rows = ((TShape.OutputHeight - 1) * TShape.Stride) + TShape.Kernel - TShape.InputHeight;
            int columns = ((TShape.OutputWidth - 1) * TShape.Stride) + TShape.Kernel - TShape.InputWidth;
            Assert.Equal((rows / 2, rows - (rows / 2)), (TShape.PadTop, TShape.PadBottom));
            Assert.Equal((columns / 2, columns - (columns / 2)), (TShape.PadLeft, TShape.PadRight));
        }
    }

    private static void Check<TShape>()
        where TShape : struct, IConvReferenceShape
    {
        var g = new ScalarConvReference.Geometry(
            TShape.InputChannels, TShape.InputHeight, TShape.InputWidth, TShape.Filters, TShape.Kernel, TShape.Stride, TShape.Dilation,
            TShape.Groups, TShape.PadTop, TShape.PadLeft, TShape.PadBottom, TShape.PadRight);

        // The output sizes the generator would write must be PyTorch's for these paddings.
        Assert.Equal(g.OutputHeight, TShape.OutputHeight);
        Assert.Equal(g.OutputWidth, TShape.OutputWidth);
        foreach (int count in Counts)
        {
            CheckForward<TShape>(g, count);
            CheckGradients<TShape>(g, count);
        }
    }

    /// <summary>Forward on one thread and two, with the whole batch's patches and one sample's, and frozen after Pack.</summary>
    private static void CheckForward<TShape>(ScalarConvReference.Geometry g, int count)
        where TShape : struct, IConvReferenceShape
    {
        Data data = Data.For(g, count);
        double[] expected = ScalarConvReference.Forward(g, data.X, data.W, data.Bias, TShape.HasBias, count);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = Activate<TShape>(expected[i]);
        }

        float[] x = ReferenceLayouts.ChannelsLast(data.X, count, g.Channels, g.Height, g.Width);
        float[] w = ReferenceLayouts.KernelMajor(data.W, g.Filters, g.GroupChannels, g.Kernel);
        float[] bias = TShape.HasBias ? data.Bias : [];
        float[] y = Unwritten(count * g.OutputSize);
        Conv2DKernels<TShape>.Forward(x, w, bias, y, Patches<TShape>(count), count, 1);
        AssertImagesClose(expected, y, count, g.Filters, g.OutputHeight, g.OutputWidth, $"{typeof(TShape).Name} forward, {count} samples");

        float[] twoThreads = Unwritten(y.Length);
        Conv2DKernels<TShape>.Forward(x, w, bias, twoThreads, Patches<TShape>(count), count, 2);
        AssertSameBits(y, twoThreads, $"{typeof(TShape).Name} forward on 2 threads, {count} samples");

        // Inference gives room for one sample's patches: the kernel then gathers and multiplies one sample at a time.
        float[] oneAtATime = Unwritten(y.Length);
        Conv2DKernels<TShape>.Forward(x, w, bias, oneAtATime, Patches<TShape>(1), count, 1);
        AssertSameBits(y, oneAtATime, $"{typeof(TShape).Name} forward with one sample's patches, {count} samples");

        // Places Pack leaves alone hold NaN (all of them for a grouped convolution, which reads W itself), so reading one shows.
        float[] packed = Unwritten(w.Length), frozen = Unwritten(y.Length);
        Conv2DKernels<TShape>.Pack(w, packed);
        Conv2DKernels<TShape>.ForwardFrozen(x, w, packed, bias, frozen, Patches<TShape>(1), count);
        AssertSameBits(y, frozen, $"{typeof(TShape).Name} frozen forward, {count} samples");
    }

    /// <summary>The weight, bias and input gradients, on one thread and two.</summary>
    private static void CheckGradients<TShape>(ScalarConvReference.Geometry g, int count)
        where TShape : struct, IConvReferenceShape
    {
        Data data = Data.For(g, count);
        float[] x = ReferenceLayouts.ChannelsLast(data.X, count, g.Channels, g.Height, g.Width);
        float[] w = ReferenceLayouts.KernelMajor(data.W, g.Filters, g.GroupChannels, g.Kernel);
        float[] dy = ReferenceLayouts.ChannelsLast(data.Dy, count, g.Filters, g.OutputHeight, g.OutputWidth);
        double[] expectedWeights = ScalarConvReference.WeightGradient(g, data.X, data.Dy, count);
        double[] expectedInputs = ScalarConvReference.InputGradient(g, data.Dy, data.W, count);
        float[]? firstWeights = null, firstInputs = null;
        foreach (int threads in new[] { 1, 2 })
        {
            // The weight gradient reads the patches the training forward left (its output is not needed here).
            float[] patches = Patches<TShape>(count);
            Conv2DKernels<TShape>.Forward(x, w, TShape.HasBias ? data.Bias : [], new float[count * g.OutputSize], patches, count, threads);
            float[] weights = Unwritten(w.Length);
            Conv2DKernels<TShape>.WeightGradient(x, patches, dy, weights, count, threads);
            ScalarReferenceTests.AssertClose(
                expectedWeights, ReferenceLayouts.TorchOrder(weights, g.Filters, g.GroupChannels, g.Kernel), 1e-5, 1e-4,
                $"{typeof(TShape).Name} weight gradient on {threads} threads, {count} samples, [f, c, ky, kx] element");

            float[] inputs = Unwritten(x.Length);
            Conv2DKernels<TShape>.InputGradient(dy, w, Patches<TShape>(count), inputs, count, threads);
            AssertImagesClose(expectedInputs, inputs, count, g.Channels, g.Height, g.Width, $"{typeof(TShape).Name} input gradient on {threads} threads, {count} samples");

            firstWeights ??= weights;
            firstInputs ??= inputs;
            AssertSameBits(firstWeights, weights, $"{typeof(TShape).Name} weight gradient on {threads} threads, {count} samples");
            AssertSameBits(firstInputs, inputs, $"{typeof(TShape).Name} input gradient on {threads} threads, {count} samples");
        }

        if (TShape.HasBias)
        {
            float[] db = Unwritten(g.Filters);
            MatrixKernels.ColumnSums(dy, count * g.OutputHeight * g.OutputWidth, g.Filters, db);
            ScalarReferenceTests.AssertClose(ScalarConvReference.BiasGradient(g, data.Dy, count), db, 1e-5, 1e-4, $"{typeof(TShape).Name} bias gradient, {count} samples, filter");
        }
    }

    /// <summary>The activation the kernel fuses, in double precision.</summary>
    private static double Activate<TShape>(double z)
        where TShape : struct, IConvReferenceShape
        => TShape.FusedActivation switch
        {
            Activation.ReLU => Math.Max(z, 0),
            Activation.LeakyReLU => z > 0 ? z : z * TShape.LeakySlope,
            _ => z,
        };

    /// <summary>Room for the patches of <paramref name="samples"/> samples (none when the layer builds none).</summary>
    private static float[] Patches<TShape>(int samples)
        where TShape : struct, IConvReferenceShape
        => new float[samples * Conv2DKernels<TShape>.PatchesPerSample];

    /// <summary>An output filled with NaN, so that a place the kernel never writes cannot pass.</summary>
    private static float[] Unwritten(int length)
    {
        float[] values = new float[length];
        Array.Fill(values, float.NaN);
        return values;
    }

    /// <summary>
    /// A channels-last kernel result against the reference's NCHW one, to 1e-5 + 1e-4 relative (ScalarReferenceTests'
    /// tolerance): each value is a sum of at most a few hundred products of unit normals, whose float rounding stays
    /// well inside it.
    /// </summary>
    private static void AssertImagesClose(double[] expected, float[] channelsLast, int count, int channels, int height, int width, string what)
        => ScalarReferenceTests.AssertClose(expected, ReferenceLayouts.ChannelsFirst(channelsLast, count, channels, height, width), 1e-5, 1e-4, $"{what}, NCHW element");

    private static bool SameBits(float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y);

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!SameBits(expected[i], actual[i]))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]:G9}, expected {expected[i]:G9}.");
            }
        }
    }

    /// <summary>One test's random tensors, in PyTorch's layouts: input, weight, bias and output gradient.</summary>
    private sealed record Data(float[] X, float[] W, float[] Bias, float[] Dy)
    {
        public static Data For(ScalarConvReference.Geometry g, int count)
            => new(
                TestData.Normal(count * g.InputSize, 1 + count),
                TestData.Normal(g.WeightSize, 2 + count),
                TestData.Normal(g.Filters, 3 + count),
                TestData.Normal(count * g.OutputSize, 4 + count));
    }
}
