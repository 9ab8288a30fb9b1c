using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neuroslyn.Kernels;

/// <summary>
/// One product's dispatch on the widest accelerated vector width (<c>if (Vector512.IsHardwareAccelerated) ... else</c>:
/// the JIT keeps one branch), and the handle the worker threads call its shares through.
/// </summary>
internal static class MatMulDispatch<TProduct>
    where TProduct : struct, IMatMulProduct
{
    /// <summary>The worker threads' handle on <see cref="Share"/>, one per product, made once.</summary>
    public static readonly MatMulShare ShareHandle = Share;

    /// <summary>
    /// Whether threads can share the product: products over the batch's rows are split by column panels (each thread
    /// then copies only its own panels) and need two, even of 4-wide vectors; products over a constant number of rows
    /// (the weight gradient) need two row tiles, whichever way the width's variant cuts them.
    /// </summary>
    public static bool CanSplit
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TProduct.RowsAreBatch
            ? TProduct.Columns >= 2 * MatMulBlocking.PanelVectors * 4
            : TProduct.Rows >= 2 * MatMulBlocking.TileRows;
    }

    /// <summary>Share <paramref name="part"/> of <paramref name="parts"/> of the product, copying B's panels itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Share(ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts)
        => Run(ref a, ref b, ref Unsafe.NullRef<float>(), ref bias, ref c, count, part, parts);

    /// <summary>
    /// Share <paramref name="part"/> of <paramref name="parts"/> of the product with the widest accelerated vectors;
    /// <paramref name="packed"/> as for <see cref="MatMul{TProduct, TSimd, TVector}.Run"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(ref float a, ref float b, ref float packed, ref float bias, ref float c, nuint count, nuint part, nuint parts)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            MatMul<TProduct, Simd512, Vector512<float>>.Run(ref a, ref b, ref packed, ref bias, ref c, count, part, parts);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            MatMul<TProduct, Simd256, Vector256<float>>.Run(ref a, ref b, ref packed, ref bias, ref c, count, part, parts);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            MatMul<TProduct, Simd128, Vector128<float>>.Run(ref a, ref b, ref packed, ref bias, ref c, count, part, parts);
        }
        else
        {
            MatMul<TProduct, SimdScalar, float>.Run(ref a, ref b, ref packed, ref bias, ref c, count, part, parts);
        }
    }

    /// <summary>
    /// Packs B (depth × columns) for a frozen network: its whole column panels in the panel width of the variant that
    /// <see cref="Run"/> will pick, so it dispatches on the same widths in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ReadOnlySpan<float> b, Span<float> packed)
    {
        int depth = TProduct.Depth, columns = TProduct.Columns;
        if (Vector512.IsHardwareAccelerated)
        {
            PackedPanels.Pack(b, depth, columns, MatMulBlocking.PanelVectors * 16, packed);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            PackedPanels.Pack(b, depth, columns, MatMulBlocking.PanelVectors * 8, packed);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            PackedPanels.Pack(b, depth, columns, MatMulBlocking.PanelVectors * 4, packed);
        }
        else
        {
            PackedPanels.Pack(b, depth, columns, MatMulBlocking.PanelVectors, packed);
        }
    }
}
