using System;
using System.Numerics.Tensors;

namespace Neuroslyn.Kernels;

/// <summary>
/// Several rows of a row-major batch (rows × features) treated as one span, so that a vector call covers hundreds of
/// floats even when a row has only a few features (an image's channels): per-feature vectors are repeated once per row
/// of the block (<see cref="Repeat"/>) and column sums are taken a block at a time (<see cref="ColumnSums"/>). A row of
/// <see cref="WideRow"/> features or more is its own block, and then nothing is copied.
/// </summary>
internal readonly ref struct RowBlock
{
    /// <summary>Features from which a row is its own block.</summary>
    public const int WideRow = 256;

    /// <summary>Floats a block aims at: a few vector registers' worth of loop per call, yet small enough for the stack.</summary>
    private const int TargetFloats = 512;

    private readonly Span<float> _scratch;

    /// <param name="features">Floats per row.</param>
    /// <param name="scratch"><see cref="ScratchFloats"/> floats for the given number of repeated vectors.</param>
    public RowBlock(int features, Span<float> scratch)
    {
        Features = features;
        Rows = RowsPer(features);
        _scratch = scratch;
    }

    /// <summary>Floats per row.</summary>
    public int Features { get; }

    /// <summary>Rows per block.</summary>
    public int Rows { get; }

    /// <summary>Floats per block.</summary>
    public int Length => Rows * Features;

    /// <summary>Scratch a block needs for <paramref name="vectors"/> repeated vectors and the column sums' accumulator.</summary>
    public static int ScratchFloats(int features, int vectors)
    {
        int rows = RowsPer(features);
        return rows == 1 ? 0 : rows * features * (vectors + 1);
    }

    /// <summary>
    /// <paramref name="vector"/> (one per feature) repeated for every row of a block, kept in slot
    /// <paramref name="slot"/>; the vector itself when a block is one row.
    /// </summary>
    public ReadOnlySpan<float> Repeat(ReadOnlySpan<float> vector, int slot)
    {
        if (Rows == 1)
        {
            return vector;
        }

        Span<float> repeated = _scratch.Slice((slot + 1) * Length, Length);
        for (int row = 0; row < Rows; row++)
        {
            vector.Slice(0, Features).CopyTo(repeated.Slice(row * Features, Features));
        }

        return repeated;
    }

    /// <summary>
    /// <c>sums[f] = Σ over rows of a[r, f]</c>, or of <c>a[r, f]·b[r, f]</c> when <paramref name="b"/> is given:
    /// block by block into an accumulator of one block, whose rows are then added up, then the rows left over.
    /// </summary>
    public void ColumnSums(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int rows, Span<float> sums)
    {
        int features = Features;
        sums = sums.Slice(0, features);
        sums.Clear();
        int wholeBlocks = Rows == 1 ? 0 : rows / Rows;
        if (wholeBlocks > 0)
        {
            Span<float> accumulator = _scratch.Slice(0, Length);
            accumulator.Clear();
            for (int start = 0; start < wholeBlocks * Length; start += Length)
            {
                Accumulate(a.Slice(start, Length), b.IsEmpty ? default : b.Slice(start, Length), accumulator);
            }

            for (int row = 0; row < Rows; row++)
            {
                TensorPrimitives.Add(sums, accumulator.Slice(row * features, features), sums);
            }
        }

        for (int row = wholeBlocks * Rows; row < rows; row++)
        {
            Accumulate(a.Slice(row * features, features), b.IsEmpty ? default : b.Slice(row * features, features), sums);
        }
    }

    private static void Accumulate(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sums)
    {
        if (b.IsEmpty)
        {
            TensorPrimitives.Add(sums, a, sums);
        }
        else
        {
            TensorPrimitives.FusedMultiplyAdd(a, b, sums, sums);
        }
    }

    private static int RowsPer(int features) => features >= WideRow ? 1 : Math.Max(1, TargetFloats / features);
}
