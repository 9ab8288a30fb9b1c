using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neuroslyn.Kernels;

/// <summary>512-bit vectors: 16 floats (AVX-512; emulated with two 256-bit halves where it is missing).</summary>
internal readonly struct Simd512 : ISimd<Vector512<float>>
{
    public static int Lanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 16;
    }

    public static Vector512<float> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<float>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nuint index) => Vector512.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nuint index) => Vector512.StoreUnsafe(value, ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Gather(ref float source, nuint index, nuint stride)
        => Vector512.Create(
            Unsafe.Add(ref source, index), Unsafe.Add(ref source, index + (1 * stride)), Unsafe.Add(ref source, index + (2 * stride)), Unsafe.Add(ref source, index + (3 * stride)),
            Unsafe.Add(ref source, index + (4 * stride)), Unsafe.Add(ref source, index + (5 * stride)), Unsafe.Add(ref source, index + (6 * stride)), Unsafe.Add(ref source, index + (7 * stride)),
            Unsafe.Add(ref source, index + (8 * stride)), Unsafe.Add(ref source, index + (9 * stride)), Unsafe.Add(ref source, index + (10 * stride)), Unsafe.Add(ref source, index + (11 * stride)),
            Unsafe.Add(ref source, index + (12 * stride)), Unsafe.Add(ref source, index + (13 * stride)), Unsafe.Add(ref source, index + (14 * stride)), Unsafe.Add(ref source, index + (15 * stride)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReLU(Vector512<float> value) => Vector512.Max(value, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyReLU(Vector512<float> value, float slope)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(value, Vector512<float>.Zero), value, value * Vector512.Create(slope));
}

/// <summary>256-bit vectors: 8 floats (AVX2 and FMA).</summary>
internal readonly struct Simd256 : ISimd<Vector256<float>>
{
    public static int Lanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 8;
    }

    public static Vector256<float> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<float>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nuint index) => Vector256.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nuint index) => Vector256.StoreUnsafe(value, ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gather(ref float source, nuint index, nuint stride)
        => Vector256.Create(
            Unsafe.Add(ref source, index), Unsafe.Add(ref source, index + (1 * stride)), Unsafe.Add(ref source, index + (2 * stride)), Unsafe.Add(ref source, index + (3 * stride)),
            Unsafe.Add(ref source, index + (4 * stride)), Unsafe.Add(ref source, index + (5 * stride)), Unsafe.Add(ref source, index + (6 * stride)), Unsafe.Add(ref source, index + (7 * stride)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLU(Vector256<float> value) => Vector256.Max(value, Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyReLU(Vector256<float> value, float slope)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), value, value * Vector256.Create(slope));
}

/// <summary>128-bit vectors: 4 floats (SSE, Arm64 AdvSimd); also the 4-wide leftover columns of the wider widths.</summary>
internal readonly struct Simd128 : ISimd<Vector128<float>>
{
    public static int Lanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 4;
    }

    public static Vector128<float> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<float>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nuint index) => Vector128.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nuint index) => Vector128.StoreUnsafe(value, ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Gather(ref float source, nuint index, nuint stride)
        => Vector128.Create(
            Unsafe.Add(ref source, index), Unsafe.Add(ref source, index + (1 * stride)), Unsafe.Add(ref source, index + (2 * stride)), Unsafe.Add(ref source, index + (3 * stride)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLU(Vector128<float> value) => Vector128.Max(value, Vector128<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyReLU(Vector128<float> value, float slope)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(value, Vector128<float>.Zero), value, value * Vector128.Create(slope));
}

/// <summary>
/// The scalar width, for processors without SIMD: one float per "vector", a multiplication then an addition
/// (<c>c + a·b</c>, two roundings) where the vector widths fuse them.
/// </summary>
internal readonly struct SimdScalar : ISimd<float>
{
    public static int Lanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 1;
    }

    public static float Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nuint index) => Unsafe.Add(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nuint index) => Unsafe.Add(ref destination, index) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => c + (a * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Gather(ref float source, nuint index, nuint stride) => Unsafe.Add(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float value) => MathF.Max(value, 0f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float value, float slope) => value > 0f ? value : value * slope;
}
