using System;
using System.Collections.Generic;
using System.Reflection;
using Neuroslyn.Runtime.Tests.Networks;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>
/// Every width variant of every generated matrix kernel (Vector512, Vector256, Vector128, scalar) computes the
/// same product as a double-precision reference, whatever the processor. The variants are called directly, so
/// the Vector512 code is checked even where AVX-512 is missing: .NET then runs Vector512 operations in software,
/// slowly but with the same results.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class KernelVariantTests
{
    private delegate void BiasKernel(ref float a, ref float b, ref float bias, ref float c, nuint count);

    private delegate void PlainKernel(ref float a, ref float b, ref float c, nuint count);

    public static IEnumerable<object[]> Variants()
    {
        foreach (string width in new[] { "Vector512", "Vector256", "Vector128", "Scalar" })
        {
            foreach (Type network in new[] { typeof(WideTailNet), typeof(WideInferenceNet), typeof(EveryActivationNet) })
            {
                yield return [network, width];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_dense_kernel_variant_computes_the_reference_product(Type network, string width)
    {
        var tensors = (IReadOnlyList<TensorInfo>)network.GetProperty("Tensors", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        int checkedKernels = 0;
        foreach (TensorInfo weight in tensors)
        {
            if (weight.Role != TensorRole.Weight)
            {
                continue;
            }

            int layer = weight.Layer, outputs = weight.Shape[0], inputs = weight.Shape[1];
            foreach (int count in new[] { 1, 6, 9 })
            {
                // Forward: C[count, out] = bias + x[count, in]·W[in, out].
                Check(network, $"Dense{layer}Forward{width}", count, inputs, outputs, rowStride: inputs, depthStride: 1, withBias: true);

                // Weight gradient: C[in, out] = xᵀ·δ, depth = the batch, x read column-wise.
                Check(network, $"Dense{layer}WeightGradient{width}", inputs, count, outputs, rowStride: 1, depthStride: inputs, withBias: false, countIsDepth: true);

                // Input gradient (not for the first layer): C[count, in] = δ[count, out]·Wᵀ[out, in].
                if (layer > 0)
                {
                    Check(network, $"Dense{layer}InputGradient{width}", count, outputs, inputs, rowStride: outputs, depthStride: 1, withBias: false);
                }
            }

            checkedKernels++;
        }

        Assert.True(checkedKernels >= 3, $"{network.Name} has only {checkedKernels} dense layers.");
    }

    private static void Check(Type network, string name, int rows, int depth, int columns, int rowStride, int depthStride, bool withBias, bool countIsDepth = false)
    {
        MethodInfo method = network.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{network.Name} has no kernel {name}.");
        float[] a = TestData.Normal(rows * depth, rows + depth), b = TestData.Normal(depth * columns, depth + columns), bias = TestData.Normal(columns, columns);
        var c = new float[rows * columns];
        nuint count = (nuint)(countIsDepth ? depth : rows);
        if (withBias)
        {
            method.CreateDelegate<BiasKernel>()(ref a[0], ref b[0], ref bias[0], ref c[0], count);
        }
        else
        {
            method.CreateDelegate<PlainKernel>()(ref a[0], ref b[0], ref c[0], count);
        }

        var expected = new double[rows * columns];
        for (int m = 0; m < rows; m++)
        {
            for (int n = 0; n < columns; n++)
            {
                double sum = withBias ? bias[n] : 0;
                for (int k = 0; k < depth; k++)
                {
                    sum += (double)a[(m * rowStride) + (k * depthStride)] * b[(k * columns) + n];
                }

                expected[(m * columns) + n] = sum;
            }
        }

        ScalarReferenceTests.AssertClose(expected, c, 1e-4, 1e-4, $"{network.Name}.{name} with {count} rows or depth, element");
    }
}
