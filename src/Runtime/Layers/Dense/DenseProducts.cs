using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

// Every getter is AggressiveInlining, trivial as it is: the kernels read these hundreds of times per method, and a
// getter the JIT declines once (over its inlining budget, in a large method) stays a call in the hottest loop.

/// <summary>The forward product of a dense layer: y[n, out] = act(x[n, in]·W[in, out] + b), x read along its rows.</summary>
internal readonly struct DenseForward<TShape> : IMatMulProduct
    where TShape : struct, IDenseShape
{
    public static bool RowsAreBatch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => true;
    }

    public static int Rows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 0;
    }

    public static bool DepthIsBatch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static int Depth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Inputs;
    }

    public static int Columns
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Outputs;
    }

    public static int ARowStride
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Inputs;
    }

    public static int ADepthStride
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 1;
    }

    public static bool HasBias
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.HasBias;
    }

    public static bool Freezable
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => true;
    }

    public static bool TransposedB
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static Activation Activation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.FusedActivation;
    }

    public static float LeakySlope
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.LeakySlope;
    }
}

/// <summary>
/// The weight gradient of a dense layer: ∂W[in, out] = xᵀ[in, n]·δ[n, out], the batch as the depth, x read down its
/// columns (a step of k is a whole row of x away).
/// </summary>
internal readonly struct DenseWeightGradient<TShape> : IMatMulProduct
    where TShape : struct, IDenseShape
{
    public static bool RowsAreBatch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static int Rows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Inputs;
    }

    public static bool DepthIsBatch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => true;
    }

    public static int Depth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 0;
    }

    public static int Columns
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Outputs;
    }

    public static int ARowStride
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 1;
    }

    public static int ADepthStride
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Inputs;
    }

    public static bool HasBias
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static bool Freezable
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static bool TransposedB
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static Activation Activation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Activation.Linear;
    }

    public static float LeakySlope
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 0f;
    }
}

/// <summary>The input gradient of a dense layer: ∂x[n, in] = δ[n, out]·Wᵀ[out, in], reading W[in, out] as it is.</summary>
internal readonly struct DenseInputGradient<TShape> : IMatMulProduct
    where TShape : struct, IDenseShape
{
    public static bool RowsAreBatch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => true;
    }

    public static int Rows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 0;
    }

    public static bool DepthIsBatch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static int Depth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Outputs;
    }

    public static int Columns
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Inputs;
    }

    public static int ARowStride
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TShape.Outputs;
    }

    public static int ADepthStride
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 1;
    }

    public static bool HasBias
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static bool Freezable
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => false;
    }

    public static bool TransposedB
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => true;
    }

    public static Activation Activation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Activation.Linear;
    }

    public static float LeakySlope
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 0f;
    }
}
