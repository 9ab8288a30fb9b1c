using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Kernels;

/// <summary>
/// The runtime's dense kernels (<see cref="DenseKernels{TShape}"/>), compiled by the JIT per shape and width, against
/// the kernels the generator writes out for the same layers: every width (called directly, so the Vector512 code runs
/// even without AVX-512, in software), every product and the frozen forward, whole and in three shares, must give the
/// same bits, and the double-precision sum within a tolerance that grows with the depth, which still
/// stands once the generated kernels are gone. The row counts reach every row tile (6, 4, 2, 1, eight last rows as two
/// tiles of 4) and the single-row path; the networks reach tails of every kind, several depth blocks, row blocks and
/// groups of panels, fused ReLU and LeakyReLU, and a layer without a bias.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class DenseKernelsTests
{
    /// <summary>A forward share, as the generated width variants and <see cref="DenseKernels{TShape}.ForwardVariant{TSimd, TVector}"/> take it.</summary>
    private delegate void ForwardKernel(ref float a, ref float b, ref float packed, ref float bias, ref float c, nuint count, nuint part, nuint parts);

    /// <summary>A gradient share, as the generated width variants take it (<paramref name="bias"/> unused).</summary>
    private delegate void GeneratedKernel(ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts);

    /// <summary>A gradient share, as the runtime's width variants take it.</summary>
    private delegate void GradientKernel(ref float a, ref float b, ref float c, nuint count, nuint part, nuint parts);

    private static readonly int[] Counts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 32, 300];

    private static readonly Type[] Networks =
        [typeof(WideTailNet), typeof(WideInferenceNet), typeof(EveryActivationNet), typeof(DeepBlockNet), typeof(GroupedPanelsNet), typeof(BatchNormNet)];

    public static IEnumerable<object[]> Variants()
    {
        foreach (string width in new[] { "Vector512", "Vector256", "Vector128", "Scalar" })
        {
            foreach (Type network in Networks)
            {
                yield return [network, width];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_product_in_every_width_gives_the_generated_kernels_bits(Type network, string width)
    {
        var layers = (IReadOnlyList<LayerInfo>)network.GetProperty("Layers", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        int checkedLayers = 0;
        foreach (DenseLayerInfo dense in layers.OfType<DenseLayerInfo>())
        {
            Type shape = DenseKernelsShapes.ByLayer[(network, dense.Index)];
            typeof(DenseKernelsTests).GetMethod(nameof(CheckLayer), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(shape)
                .Invoke(null, [network, dense, width]);
            checkedLayers++;
        }

        Assert.True(checkedLayers >= 3, $"{network.Name} has only {checkedLayers} dense layers.");
    }

    /// <summary>
    /// The public entry points on this machine's widest vectors: the same bits as the width variant they dispatch to, on
    /// one thread or two, frozen or not.
    /// </summary>
    [Fact]
    public void The_entry_points_compute_what_their_width_variant_does_on_any_number_of_threads()
    {
        CheckEntries<GroupedPanels0>(300);
        CheckEntries<GroupedPanels1>(64);
        CheckEntries<DeepBlock1>(13);
        CheckEntries<BatchNorm3>(32);
        CheckEntries<EveryActivation2>(1);
    }

    [Fact]
    public void A_short_span_is_refused_with_the_layer_shape_in_the_message()
    {
        float[] x = new float[784], w = new float[(784 * 256) - 1], bias = new float[256], y = new float[256];
        var error = Assert.Throws<ArgumentException>(() => DenseKernels<Fashion0>.Forward(x, w, bias, y, 1, 1));
        Assert.Equal("Dense 784 -> 256 forward: a span is shorter than the layer's shape requires.", error.Message);
        Assert.Throws<ArgumentException>(() => DenseKernels<Fashion0>.Forward(x, new float[784 * 256], bias.AsSpan(1), y, 1, 1));
        Assert.Throws<ArgumentException>(() => DenseKernels<Fashion0>.Forward(x, new float[784 * 256], bias, y, -1, 1));
        Assert.Throws<ArgumentException>(() => DenseKernels<Fashion0>.ForwardFrozen(x, new float[784 * 256], w, bias, y, 1));
        Assert.Throws<ArgumentException>(() => DenseKernels<Fashion0>.WeightGradient(x, y, w, 1, 1));
        Assert.Throws<ArgumentException>(() => DenseKernels<Fashion0>.InputGradient(y, w, x, 1, 1));

        // Without a bias, the bias span is not read and may be empty.
        DenseKernels<BatchNorm3>.Forward(new float[8], new float[56], default, new float[7], 1, 1);
    }

    [Fact]
    public void A_shape_the_kernels_cannot_fuse_is_refused()
    {
        var error = Assert.Throws<NotSupportedException>(() => DenseKernels<SigmoidFused>.Forward(new float[4], new float[16], new float[4], new float[4], 1, 1));
        Assert.Contains("Dense 4 -> 4", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One layer in one width: its shape struct against the network's description, then every product.</summary>
    private static void CheckLayer<TShape>(Type network, DenseLayerInfo dense, string width)
        where TShape : struct, IDenseShape
    {
        bool fuses = dense.Activation is Activation.ReLU or Activation.LeakyReLU;
        Assert.Equal(dense.InputSize, TShape.Inputs);
        Assert.Equal(dense.OutputSize, TShape.Outputs);
        Assert.Equal(dense.UseBias, TShape.HasBias);
        Assert.Equal(fuses ? dense.Activation : Activation.Linear, TShape.FusedActivation);
        if (dense.Activation == Activation.LeakyReLU)
        {
            Assert.Equal(dense.LeakySlope, TShape.LeakySlope);
        }

        Variant variant = Variant.For<TShape>(width);
        int layer = dense.Index, inputs = dense.InputSize, outputs = dense.OutputSize;
        Func<double, double> activation = TShape.FusedActivation switch
        {
            Activation.ReLU => v => Math.Max(v, 0),
            Activation.LeakyReLU => v => v > 0 ? v : v * TShape.LeakySlope,
            _ => v => v,
        };

        string name = $"{network.Name}.Dense{layer}";
        ForwardKernel? generatedForward = Generated<ForwardKernel>(network, $"Dense{layer}Forward{width}");
        GeneratedKernel? generatedWeightGradient = Generated<GeneratedKernel>(network, $"Dense{layer}WeightGradient{width}");
        GeneratedKernel? generatedInputGradient = Generated<GeneratedKernel>(network, $"Dense{layer}InputGradient{width}");
        foreach (int count in Counts)
        {
            // Forward: C[count, out] = act(bias + x[count, in]·W[in, out]), bias ignored without one.
            var forward = new Product($"{name}Forward{width}", count, inputs, outputs, RowStride: inputs, DepthStride: 1, TShape.HasBias, CountIsDepth: false, TransposedB: false, activation);
            Check(forward, Forward(variant.Forward), generatedForward is null ? null : Forward(generatedForward));
            CheckFrozen(forward, variant.Forward, generatedForward, 2 * variant.Lanes);

            // Weight gradient: C[in, out] = xᵀ·δ, the batch as the depth, x read down its columns. (A batch of none is
            // checked below.)
            var weightGradient = new Product($"{name}WeightGradient{width}", inputs, count, outputs, RowStride: 1, DepthStride: inputs, WithBias: false, CountIsDepth: true, TransposedB: false, v => v);
            Check(weightGradient, Gradient(variant.WeightGradient), generatedWeightGradient is null ? null : Generated(generatedWeightGradient));

            // Input gradient: C[count, in] = δ[count, out]·Wᵀ, reading W itself (the generator writes none for layer 0).
            var inputGradient = new Product($"{name}InputGradient{width}", count, outputs, inputs, RowStride: outputs, DepthStride: 1, WithBias: false, CountIsDepth: false, TransposedB: true, v => v);
            Check(inputGradient, Gradient(variant.InputGradient), generatedInputGradient is null ? null : Generated(generatedInputGradient));
        }

        // The weight gradient of a batch of none leaves the columns of whole panels as they were and sets the others to
        // 0, as the generated kernels do (no network asks for it; the two must not differ even there).
        if (generatedWeightGradient is not null)
        {
            var empty = new Product($"{name}WeightGradient{width}", inputs, 0, outputs, RowStride: 1, DepthStride: inputs, WithBias: false, CountIsDepth: true, TransposedB: false, v => v);
            var (a, b, bias) = empty.Operands();
            AssertSameBits(Run(Generated(generatedWeightGradient), empty, a, b, bias, 0, 1), Run(Gradient(variant.WeightGradient), empty, a, b, bias, 0, 1), $"{empty.Name} over a batch of none");
        }
    }

    /// <summary>
    /// The runtime's kernel against the double-precision sum, and, when the generator still writes the kernel, against
    /// the generated one bit for bit: the whole product and each of three shares, whose writes must cover the product
    /// once between them, each value as the whole product has it.
    /// </summary>
    private static void Check(Product product, Share runtime, Share? generated)
    {
        var (a, b, bias) = product.Operands();
        float[] whole = Run(runtime, product, a, b, bias, 0, 1);
        ScalarReferenceTests.AssertClose(product.Reference(a, b, bias), whole, product.Tolerance, product.Tolerance, $"{product.Name} with {product.Count} rows or depth, element");
        if (generated is not null)
        {
            AssertSameBits(Run(generated, product, a, b, bias, 0, 1), whole, $"{product.Name}, {product.Count} rows or depth, one share");
        }

        var writes = new int[whole.Length];
        for (int part = 0; part < 3; part++)
        {
            float[] share = Run(runtime, product, a, b, bias, part, 3);
            if (generated is not null)
            {
                AssertSameBits(Run(generated, product, a, b, bias, part, 3), share, $"{product.Name}, {product.Count} rows or depth, share {part} of 3");
            }

            for (int i = 0; i < share.Length; i++)
            {
                if (!float.IsNaN(share[i]))
                {
                    writes[i]++;
                    Assert.True(SameBits(share[i], whole[i]), $"{product.Name} share {part} of 3: element {i} is {share[i]}, the whole product gives {whole[i]}.");
                }
            }
        }

        // A single row is never shared out (the entry points run it on the calling thread), and the forward product's
        // single-row path computes it whole in every share.
        int wrong = Array.FindIndex(writes, n => n != 1);
        Assert.True(product.Rows == 1 || wrong < 0, $"{product.Name} in three shares, {product.Count} rows or depth: element {wrong} written {(wrong < 0 ? 0 : writes[wrong])} times.");
    }

    /// <summary>
    /// The forward product over W packed for the width (a frozen network's panels): the same bits as copying the panels,
    /// and as the generated kernel over the same packing. The places packing leaves alone hold NaN, so reading them shows.
    /// </summary>
    private static void CheckFrozen(Product product, ForwardKernel runtime, ForwardKernel? generated, int panelColumns)
    {
        var (a, b, bias) = product.Operands();
        float[] packed = new float[b.Length];
        Array.Fill(packed, float.NaN);
        PackedPanels.Pack(b, product.Depth, product.Columns, panelColumns, packed);
        float[] copying = Run(Forward(runtime), product, a, b, bias, 0, 1);
        float[] frozen = RunFrozen(runtime, product, a, b, packed, bias);
        AssertSameBits(copying, frozen, $"{product.Name} over packed panels, {product.Count} rows");
        if (generated is not null)
        {
            AssertSameBits(RunFrozen(generated, product, a, b, packed, bias), frozen, $"{product.Name} over packed panels against the generated kernel, {product.Count} rows");
        }
    }

    /// <summary>The entry points of <typeparamref name="TShape"/> at <paramref name="count"/> rows against the width variant <see cref="Vector512.IsHardwareAccelerated"/> and its kin pick.</summary>
    private static void CheckEntries<TShape>(int count)
        where TShape : struct, IDenseShape
    {
        Variant variant = Variant.Widest<TShape>();
        int inputs = TShape.Inputs, outputs = TShape.Outputs;
        float[] x = TestData.Normal(count * inputs, 1), w = TestData.Normal(inputs * outputs, 2), bias = TestData.Normal(outputs, 3);
        float[] delta = TestData.Normal(count * outputs, 4);
        var forward = new Product("forward", count, inputs, outputs, inputs, 1, TShape.HasBias, false, false, v => v);
        float[] expected = Run(Forward(variant.Forward), forward, x, w, bias, 0, 1);

        float[] packed = new float[inputs * outputs];
        DenseKernels<TShape>.Pack(w, packed);
        float[] frozen = new float[count * outputs];
        DenseKernels<TShape>.ForwardFrozen(x, w, packed, bias, frozen, count);
        AssertSameBits(expected, frozen, $"{typeof(TShape).Name} frozen forward, {count} rows");

        var weightGradient = new Product("weight gradient", inputs, count, outputs, 1, inputs, false, true, false, v => v);
        float[] expectedGradient = Run(Gradient(variant.WeightGradient), weightGradient, x, delta, bias, 0, 1);
        var inputGradient = new Product("input gradient", count, outputs, inputs, outputs, 1, false, false, true, v => v);
        float[] expectedInputDelta = Run(Gradient(variant.InputGradient), inputGradient, delta, w, bias, 0, 1);
        foreach (int threads in new[] { 1, 2 })
        {
            float[] y = new float[count * outputs], gradient = new float[inputs * outputs], inputDelta = new float[count * inputs];
            DenseKernels<TShape>.Forward(x, w, bias, y, count, threads);
            DenseKernels<TShape>.WeightGradient(x, delta, gradient, count, threads);
            DenseKernels<TShape>.InputGradient(delta, w, inputDelta, count, threads);
            AssertSameBits(expected, y, $"{typeof(TShape).Name} forward on {threads} threads, {count} rows");
            AssertSameBits(expectedGradient, gradient, $"{typeof(TShape).Name} weight gradient on {threads} threads, {count} rows");
            AssertSameBits(expectedInputDelta, inputDelta, $"{typeof(TShape).Name} input gradient on {threads} threads, {count} rows");
        }
    }

    private static float[] Run(Share kernel, Product product, float[] a, float[] b, float[] bias, int part, int parts)
    {
        float[] c = new float[product.Rows * product.Columns];
        Array.Fill(c, float.NaN);
        kernel(ref Start(a), ref Start(b), ref Start(bias), ref Start(c), (nuint)product.Count, (nuint)part, (nuint)parts);
        return c;
    }

    /// <summary>An array's first element, also of an empty one (a batch of none).</summary>
    private static ref float Start(float[] array) => ref MemoryMarshal.GetArrayDataReference(array);

    private static float[] RunFrozen(ForwardKernel kernel, Product product, float[] a, float[] b, float[] packed, float[] bias)
    {
        float[] c = new float[product.Rows * product.Columns];
        Array.Fill(c, float.NaN);
        kernel(ref a[0], ref b[0], ref packed[0], ref bias[0], ref c[0], (nuint)product.Count, 0, 1);
        return c;
    }

    private delegate void Share(ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts);

    private static Share Forward(ForwardKernel kernel)
        => (ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts)
            => kernel(ref a, ref b, ref Unsafe.NullRef<float>(), ref bias, ref c, count, part, parts);

    private static Share Gradient(GradientKernel kernel)
        => (ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts)
            => kernel(ref a, ref b, ref c, count, part, parts);

    private static Share Generated(GeneratedKernel kernel)
        => (ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts)
            => kernel(ref a, ref b, ref bias, ref c, count, part, parts);

    /// <summary>The generated width variant <paramref name="name"/> of <paramref name="network"/>, or null once the generator no longer writes it.</summary>
    private static T? Generated<T>(Type network, string name)
        where T : Delegate
        => network.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)?.CreateDelegate<T>();

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

    /// <summary>
    /// One product <c>C[Rows, Columns] = act(bias + Σ_k A(m, k)·B[k, n])</c> at one count, with A read as
    /// <c>a[m·RowStride + k·DepthStride]</c> and a transposed B passed as Bᵀ (Columns × Depth), as the input gradient reads W.
    /// </summary>
    private sealed record Product(
        string Name, int Rows, int Depth, int Columns, int RowStride, int DepthStride, bool WithBias, bool CountIsDepth, bool TransposedB,
        Func<double, double> Activation)
    {
        public int Count => CountIsDepth ? Depth : Rows;

        /// <summary>
        /// A float sum of <see cref="Depth"/> products drifts from the double one in proportion to the depth at worst: 1e-4
        /// holds up to about 2000 terms, longer sums get more.
        /// </summary>
        public double Tolerance => 1e-4 * Math.Max(1, Depth / 2048.0);

        public (float[] A, float[] B, float[] Bias) Operands()
            => (TestData.Normal(Rows * Depth, Rows + Depth), TestData.Normal(Depth * Columns, Depth + Columns), TestData.Normal(Columns, Columns));

        public double[] Reference(float[] a, float[] b, float[] bias)
        {
            var expected = new double[Rows * Columns];
            for (int m = 0; m < Rows; m++)
            {
                for (int n = 0; n < Columns; n++)
                {
                    double sum = WithBias ? bias[n] : 0;
                    for (int k = 0; k < Depth; k++)
                    {
                        sum += (double)a[(m * RowStride) + (k * DepthStride)] * b[TransposedB ? (n * Depth) + k : (k * Columns) + n];
                    }

                    expected[(m * Columns) + n] = Activation(sum);
                }
            }

            return expected;
        }
    }

    /// <summary>The runtime's three products of one shape in one width, and the width's floats per vector.</summary>
    private sealed record Variant(ForwardKernel Forward, GradientKernel WeightGradient, GradientKernel InputGradient, int Lanes)
    {
        public static Variant For<TShape>(string width)
            where TShape : struct, IDenseShape
            => width switch
            {
                "Vector512" => Of<TShape, Simd512, Vector512<float>>(16),
                "Vector256" => Of<TShape, Simd256, Vector256<float>>(8),
                "Vector128" => Of<TShape, Simd128, Vector128<float>>(4),
                _ => Of<TShape, SimdScalar, float>(1),
            };

        /// <summary>The width the entry points dispatch to on this machine.</summary>
        public static Variant Widest<TShape>()
            where TShape : struct, IDenseShape
            => For<TShape>(Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "Scalar");

        private static Variant Of<TShape, TSimd, TVector>(int lanes)
            where TShape : struct, IDenseShape
            where TSimd : struct, ISimd<TVector>
            where TVector : struct
            => new(
                DenseKernels<TShape>.ForwardVariant<TSimd, TVector>,
                DenseKernels<TShape>.WeightGradientVariant<TSimd, TVector>,
                DenseKernels<TShape>.InputGradientVariant<TSimd, TVector>,
                lanes);
    }
}
