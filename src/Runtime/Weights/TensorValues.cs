using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Neuroslyn.Weights;

/// <summary>
/// Refuses float values a network cannot use: NaN and infinity anywhere (one of them makes every output NaN, unless
/// <see cref="WeightFileOptions.AllowNonFiniteValues"/>), and negative values in a tensor that cannot hold any
/// (<see cref="StateTensor.NonNegative"/>). The message names the first bad value by its index in PyTorch's shape, the
/// index <c>tensor[3, 0, 1, 2]</c> takes in Python, with the flat row-major index beside it.
/// </summary>
internal static class TensorValues
{
    // Float bit patterns: the exponent all ones is infinity or NaN, with either sign; a set sign bit on anything but
    // zero (-0 is harmless) is a negative number, up to -infinity. Searching the bits this way is vectorised.
    private const uint PositiveNonFinite = 0x7F80_0000, PositiveNonFiniteEnd = 0x7FFF_FFFF;
    private const uint NegativeNonFinite = 0xFF80_0000, NegativeNonFiniteEnd = 0xFFFF_FFFF;
    private const uint Negative = 0x8000_0001, NegativeEnd = 0xFF80_0000;

    /// <summary>Checks <paramref name="tensor"/>'s values, <paramref name="torch"/>, in PyTorch's layout of its shape.</summary>
    public static void Check(ReadOnlySpan<float> torch, StateTensor tensor, WeightFileOptions options)
    {
        ReadOnlySpan<uint> bits = MemoryMarshal.Cast<float, uint>(torch);
        if (!options.AllowNonFiniteValues)
        {
            int first = First(bits.IndexOfAnyInRange(PositiveNonFinite, PositiveNonFiniteEnd), bits.IndexOfAnyInRange(NegativeNonFinite, NegativeNonFiniteEnd));
            if (first >= 0)
            {
                int count = CountNonFinite(torch);
                throw new WeightFileException(
                    tensor.Name,
                    $"{Where(torch, first, tensor.Shape)}, the first of {count} non-finite values: a weight file must hold finite numbers " +
                    "(the network that saved it had probably diverged). Load an earlier checkpoint, or set WeightFileOptions.AllowNonFiniteValues to load it anyway");
            }
        }

        if (tensor.NonNegative)
        {
            int first = bits.IndexOfAnyInRange(Negative, NegativeEnd);
            if (first >= 0)
            {
                throw new WeightFileException(
                    tensor.Name,
                    $"{Where(torch, first, tensor.Shape)}, the first of {CountNegative(torch)} negative values: a variance or a mean of squares cannot be negative " +
                    "(the network takes its square root). The file was edited or written by a broken program: save it again from the network that trained it");
            }
        }
    }

    private static int First(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    private static int CountNonFinite(ReadOnlySpan<float> values)
    {
        int count = 0;
        foreach (float value in values)
        {
            count += float.IsFinite(value) ? 0 : 1;
        }

        return count;
    }

    private static int CountNegative(ReadOnlySpan<float> values)
    {
        int count = 0;
        foreach (float value in values)
        {
            count += value < 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary><c>holds NaN at [3, 2] (PyTorch's index into [8, 5]; flat index 17)</c>.</summary>
    private static string Where(ReadOnlySpan<float> torch, int flat, long[] shape)
    {
        var index = new long[shape.Length];
        long rest = flat;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = rest % shape[axis];
            rest /= shape[axis];
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"holds {torch[flat].ToString("R", CultureInfo.InvariantCulture)} at {SafeTensorsDType.Shape(index)}");
        text.Append(CultureInfo.InvariantCulture, $" (PyTorch's index into {SafeTensorsDType.Shape(shape)}; flat index {flat})");
        return text.ToString();
    }
}
