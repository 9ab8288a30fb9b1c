using System;

namespace Neuroslyn.Weights;

/// <summary>Moves a dense weight between the network's input-major layout ([in, out]) and PyTorch's ([out, in]).</summary>
internal static class TensorLayout
{
    /// <summary>Writes <paramref name="torch"/> ([rows, columns], row-major) transposed into <paramref name="stored"/> ([columns, rows]).</summary>
    public static void FromTorch(ReadOnlySpan<float> torch, int rows, int columns, Span<float> stored)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = torch.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                stored[(c * rows) + r] = row[c];
            }
        }
    }

    /// <summary>Row <paramref name="row"/> of the PyTorch layout [rows, columns] of <paramref name="stored"/> ([columns, rows]).</summary>
    public static void TorchRow(ReadOnlySpan<float> stored, int rows, int columns, int row, Span<float> destination)
    {
        for (int c = 0; c < columns; c++)
        {
            destination[c] = stored[(c * rows) + row];
        }
    }
}
