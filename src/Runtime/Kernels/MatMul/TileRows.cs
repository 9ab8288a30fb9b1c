using System.Runtime.CompilerServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// The rows of one register tile, as a struct type parameter: a tile method is compiled once per row count, and its
/// <c>if (TRows.Value &gt; n)</c> guards around the rows it does not have fold away, leaving exactly the unrolled
/// tile the generated kernels wrote for that count.
/// </summary>
internal interface ITileRows
{
    /// <summary>Rows in the tile: 1, 2, 4 or 6.</summary>
    static abstract int Value { get; }
}

/// <summary>The main tile: 6 rows × 2 vectors of accumulators, 2 vectors of B and a broadcast fit 16 registers.</summary>
internal readonly struct SixRows : ITileRows
{
    public static int Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 6;
    }
}

/// <summary>The first leftover tile, and the one that takes eight last rows twice.</summary>
internal readonly struct FourRows : ITileRows
{
    public static int Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 4;
    }
}

/// <summary>The second leftover tile.</summary>
internal readonly struct TwoRows : ITileRows
{
    public static int Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 2;
    }
}

/// <summary>The last leftover tile, and the single-row path's.</summary>
internal readonly struct OneRow : ITileRows
{
    public static int Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 1;
    }
}
