using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Neuroslyn.Kernels;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// The ceiling of the generated matrix products on this machine at this moment: their inner loop (6 rows of A
/// broadcast against a panel two vectors wide, 12 accumulators: per depth step 2 vector loads, 6 broadcasts and 12
/// FMAs) with every operand in the L1 cache, so that no memory traffic is left to slow it. On a quiet core it runs at
/// about the FMA loop's speed; when it does not, the machine itself is slowing code that loads while it multiplies,
/// and no product built from this loop can run faster than it does then. It performs
/// <see cref="KernelEfficiency.PeakFlops"/> FLOPs, as the FMA loop does, so the two times compare directly.
/// </summary>
public sealed class CacheResidentTile
{
    /// <summary>The panel's size: 4,096 floats (16 KB), half of the L1 data cache of the processors we time on.</summary>
    private const int PanelFloats = 4096;

    private const int Rows = 6;

    private readonly CacheAlignedBuffer _panel = new(PanelFloats);
    private readonly CacheAlignedBuffer _a;
    private readonly int _width;
    private readonly int _depth;

    /// <summary>Fills the operands; <paramref name="vector512"/> picks the width the FMA loop also runs in.</summary>
    public CacheResidentTile(bool vector512)
    {
        _width = vector512 ? Vector512<float>.Count : Vector256<float>.Count;
        _depth = PanelFloats / (2 * _width);
        _a = new CacheAlignedBuffer(Rows * _depth);

        // Values near 0.01: a pass adds about 1e-3 to each accumulator, so 32768 passes stay far from overflow and
        // nothing is subnormal.
        var random = new Random(5);
        Span<float> panel = _panel.Span, a = _a.Span;
        for (int i = 0; i < panel.Length; i++)
        {
            panel[i] = 0.005f + (0.01f * random.NextSingle());
        }

        for (int i = 0; i < a.Length; i++)
        {
            a[i] = 0.005f + (0.01f * random.NextSingle());
        }
    }

    /// <summary>Passes over the panel that make <see cref="KernelEfficiency.PeakFlops"/> FLOPs (a pass is depth × 12 FMAs).</summary>
    public int Passes => (int)(KernelEfficiency.PeakFlops / ((long)_depth * Rows * 2 * _width * 2));

    /// <summary>Runs <see cref="Passes"/> passes; returns the sum of the accumulators, which keeps every FMA live.</summary>
    public float Run() => Run(Passes);

    /// <summary>
    /// Throws unless one pass computes Σ over rows and depth of a(row, k) × Σ panel(k, ·), the sum of the tile's outputs,
    /// to 1e-4 relative of a double-precision reference: the timing is of a loop that does the work it claims.
    /// </summary>
    public void Check()
    {
        double expected = 0;
        ReadOnlySpan<float> panel = _panel.Span, a = _a.Span;
        for (int k = 0; k < _depth; k++)
        {
            double panelRow = 0;
            for (int j = 0; j < 2 * _width; j++)
            {
                panelRow += panel[(k * 2 * _width) + j];
            }

            for (int row = 0; row < Rows; row++)
            {
                expected += a[(row * _depth) + k] * panelRow;
            }
        }

        double actual = Run(1);
        if (Math.Abs(actual - expected) > 1e-4 * Math.Abs(expected))
        {
            throw new InvalidOperationException($"The cache-resident tile computed {actual} where the reference gives {expected}.");
        }
    }

    private float Run(int passes)
    {
        ref float panel = ref MemoryMarshal.GetReference(_panel.Span);
        ref float a = ref MemoryMarshal.GetReference(_a.Span);
        return _width == Vector512<float>.Count ? Run512(ref panel, ref a, passes) : Run256(ref panel, ref a, passes);
    }

    // Fully optimised from the first call, as the FMA loop is. Row r of A starts at r × depth, a constant, so the six
    // broadcast addresses are one register plus a constant offset, as in the generated kernels. One method per width,
    // written out as the FMA loop's are, so that each compiles to exactly the instruction mix it stands for.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run256(ref float panel, ref float a, int passes)
    {
        const nuint depth = PanelFloats / (2 * 8);
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int pass = 0; pass < passes; pass++)
        {
            nuint bi = 0;
            for (nuint k = 0; k < depth; k++)
            {
                Vector256<float> b0 = Vector256.LoadUnsafe(ref panel, bi), b1 = Vector256.LoadUnsafe(ref panel, bi + 8);
                var x = Vector256.Create(Unsafe.Add(ref a, k));
                c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
                x = Vector256.Create(Unsafe.Add(ref a, k + depth));
                c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
                x = Vector256.Create(Unsafe.Add(ref a, k + (2 * depth)));
                c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
                x = Vector256.Create(Unsafe.Add(ref a, k + (3 * depth)));
                c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
                x = Vector256.Create(Unsafe.Add(ref a, k + (4 * depth)));
                c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
                x = Vector256.Create(Unsafe.Add(ref a, k + (5 * depth)));
                c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
                bi += 16;
            }
        }

        return Vector256.Sum(c00 + c01 + c10 + c11 + c20 + c21 + c30 + c31 + c40 + c41 + c50 + c51);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run512(ref float panel, ref float a, int passes)
    {
        const nuint depth = PanelFloats / (2 * 16);
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int pass = 0; pass < passes; pass++)
        {
            nuint bi = 0;
            for (nuint k = 0; k < depth; k++)
            {
                Vector512<float> b0 = Vector512.LoadUnsafe(ref panel, bi), b1 = Vector512.LoadUnsafe(ref panel, bi + 16);
                var x = Vector512.Create(Unsafe.Add(ref a, k));
                c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(Unsafe.Add(ref a, k + depth));
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(Unsafe.Add(ref a, k + (2 * depth)));
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(Unsafe.Add(ref a, k + (3 * depth)));
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
                x = Vector512.Create(Unsafe.Add(ref a, k + (4 * depth)));
                c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
                x = Vector512.Create(Unsafe.Add(ref a, k + (5 * depth)));
                c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
                bi += 32;
            }
        }

        return Vector512.Sum(c00 + c01 + c10 + c11 + c20 + c21 + c30 + c31 + c40 + c41 + c50 + c51);
    }
}
