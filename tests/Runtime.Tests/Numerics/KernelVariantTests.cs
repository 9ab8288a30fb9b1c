using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Neuroslyn.Runtime.Tests.Networks;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>
/// Every width variant of every generated matrix kernel (Vector512, Vector256, Vector128, scalar) computes the
/// same product as a double-precision reference, whatever the processor. The variants are called directly, so
/// the Vector512 code is checked even where AVX-512 is missing: .NET then runs Vector512 operations in software,
/// slowly but with the same results. The row counts reach every row tile (6, 4, 2, 1, and the two tiles of 4 that take
/// eight last rows: 8, 14, 32) and the single-row path, the
/// deep network several depth blocks of the packed panels, and the shares the worker threads compute are checked
/// to cover the product between them, each value exactly as one thread computes it.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class KernelVariantTests
{
    private delegate void Kernel(ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts);

    /// <summary>The forward variants: <c>packed</c> is B's panels packed once (a frozen network) or a null reference.</summary>
    private delegate void ForwardKernel(ref float a, ref float b, ref float packed, ref float bias, ref float c, nuint count, nuint part, nuint parts);

    private static readonly int[] Counts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 32, 300];

    public static IEnumerable<object[]> Variants()
    {
        foreach (string width in new[] { "Vector512", "Vector256", "Vector128", "Scalar" })
        {
            foreach (Type network in new[] { typeof(WideTailNet), typeof(WideInferenceNet), typeof(EveryActivationNet), typeof(DeepBlockNet), typeof(GroupedPanelsNet) })
            {
                yield return [network, width];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_dense_kernel_variant_computes_the_reference_product(Type network, string width)
    {
        var layers = (IReadOnlyList<LayerInfo>)network.GetProperty("Layers", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        int checkedKernels = 0;
        foreach (DenseLayerInfo dense in layers.OfType<DenseLayerInfo>())
        {
            int layer = dense.Index, outputs = dense.OutputSize, inputs = dense.InputSize;

            // The forward kernel applies ReLU and LeakyReLU as it stores; other activations run afterwards.
            Func<double, double> activation = dense.Activation switch
            {
                Activation.ReLU => v => Math.Max(v, 0),
                Activation.LeakyReLU => v => v > 0 ? v : v * dense.LeakySlope,
                _ => v => v,
            };
            foreach (int count in Counts)
            {
                // Forward: C[count, out] = act(bias + x[count, in]·W[in, out]).
                Check(network, $"Dense{layer}Forward{width}", count, inputs, outputs, rowStride: inputs, depthStride: 1, withBias: true, activation: activation);

                // The same variant over W's panels packed once (a frozen network's): the same values, bit for bit.
                CheckFrozen(network, layer, width, count, inputs, outputs);

                // Weight gradient: C[in, out] = xᵀ·δ, depth = the batch, x read column-wise.
                Check(network, $"Dense{layer}WeightGradient{width}", inputs, count, outputs, rowStride: 1, depthStride: inputs, withBias: false, countIsDepth: true);

                // Input gradient (not for the first layer): C[count, in] = δ[count, out]·Wᵀ[out, in], reading W itself.
                if (layer > 0)
                {
                    Check(network, $"Dense{layer}InputGradient{width}", count, outputs, inputs, rowStride: outputs, depthStride: 1, withBias: false, transposedB: true);
                }
            }

            checkedKernels++;
        }

        Assert.True(checkedKernels >= 3, $"{network.Name} has only {checkedKernels} dense layers.");
    }

    /// <summary>
    /// Dense{layer}Forward{width} over W packed for that width (PackedPanels.Pack, panels of two vectors) gives bit for
    /// bit what it gives copying the panels itself, which is checked against the reference. The packed buffer's places
    /// that packing leaves alone hold NaN, so a kernel that read them would be caught.
    /// </summary>
    private static void CheckFrozen(Type network, int layer, string width, int rows, int depth, int columns)
    {
        ForwardKernel forward = network.GetMethod($"Dense{layer}Forward{width}", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<ForwardKernel>();
        int lanes = width switch { "Vector512" => 16, "Vector256" => 8, "Vector128" => 4, _ => 1 };
        float[] a = TestData.Normal(rows * depth, rows + depth + 1), b = TestData.Normal(depth * columns, depth + columns + 1), bias = TestData.Normal(columns, columns + 1);
        float[] packed = new float[depth * columns];
        Array.Fill(packed, float.NaN);
        Neuroslyn.Kernels.PackedPanels.Pack(b, depth, columns, 2 * lanes, packed);

        float[] expected = new float[rows * columns], actual = new float[rows * columns];
        forward(ref a[0], ref b[0], ref Unsafe.NullRef<float>(), ref bias[0], ref expected[0], (nuint)rows, 0, 1);
        forward(ref a[0], ref b[0], ref packed[0], ref bias[0], ref actual[0], (nuint)rows, 0, 1);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{network.Name}.Dense{layer}Forward{width} over packed panels, {rows} rows: element {i} is {actual[i]}, copying them gives {expected[i]}.");
        }
    }

    private static void Check(
        Type network, string name, int rows, int depth, int columns, int rowStride, int depthStride, bool withBias,
        bool countIsDepth = false, Func<double, double>? activation = null, bool transposedB = false)
    {
        MethodInfo method = network.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{network.Name} has no kernel {name}.");
        Kernel kernel;
        if (method.GetParameters().Length == 8)
        {
            // A forward variant: here it copies W's panels itself.
            ForwardKernel forward = method.CreateDelegate<ForwardKernel>();
            kernel = (ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts)
                => forward(ref a, ref b, ref Unsafe.NullRef<float>(), ref bias, ref c, count, part, parts);
        }
        else
        {
            kernel = method.CreateDelegate<Kernel>();
        }

        float[] a = TestData.Normal(rows * depth, rows + depth), b = TestData.Normal(depth * columns, depth + columns), bias = TestData.Normal(columns, columns);
        nuint count = (nuint)(countIsDepth ? depth : rows);

        var expected = new double[rows * columns];
        for (int m = 0; m < rows; m++)
        {
            for (int n = 0; n < columns; n++)
            {
                double sum = withBias ? bias[n] : 0;
                for (int k = 0; k < depth; k++)
                {
                    // A transposed B is passed as Bᵀ (columns × depth), the way the input gradient reads W.
                    sum += (double)a[(m * rowStride) + (k * depthStride)] * b[transposedB ? (n * depth) + k : (k * columns) + n];
                }

                expected[(m * columns) + n] = (activation ?? (v => v))(sum);
            }
        }

        // The whole product, as one thread computes it. A float sum of `depth` products drifts from the double
        // reference in proportion to the depth at worst: 1e-4 holds up to about 2000 terms, longer sums get more.
        var c = new float[rows * columns];
        kernel(ref a[0], ref b[0], ref bias[0], ref c[0], count, 0, 1);
        double tolerance = 1e-4 * Math.Max(1, depth / 2048.0);
        ScalarReferenceTests.AssertClose(expected, c, tolerance, tolerance, $"{network.Name}.{name} with {count} rows or depth, element");

        // Three shares, as three threads compute them: each value written by exactly one, bit for bit the same.
        if (rows > 1)
        {
            var writes = new int[rows * columns];
            float[] shared = new float[rows * columns];
            for (nuint part = 0; part < 3; part++)
            {
                float[] alone = new float[rows * columns];
                Array.Fill(alone, float.NaN);
                kernel(ref a[0], ref b[0], ref bias[0], ref alone[0], count, part, 3);
                for (int i = 0; i < alone.Length; i++)
                {
                    if (!float.IsNaN(alone[i]))
                    {
                        writes[i]++;
                        shared[i] = alone[i];
                    }
                }
            }

            for (int i = 0; i < c.Length; i++)
            {
                Assert.True(writes[i] == 1 && BitConverter.SingleToInt32Bits(shared[i]) == BitConverter.SingleToInt32Bits(c[i]), $"{network.Name}.{name} in three shares: element {i} written {writes[i]} times, {shared[i]} where one thread gives {c[i]}.");
            }
        }
    }
}
