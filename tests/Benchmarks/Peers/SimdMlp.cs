using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Neuroslyn.Benchmarks.Peers;

/// <summary>
/// The hand-written SIMD reference for batch-1 inference (DESIGN.md's "hand-written Vector512 version"): the axpy form
/// of the matrix-vector product. Each layer's weights are transposed to <c>[in, out]</c> and the output dimension is
/// zero-padded to a multiple of 16 floats, so a tile of outputs lives in vector registers while the layer streams
/// <c>y[tile] += x[i] * Wt[i, tile]</c> over the inputs, with no tail code. Written for Vector512 and Vector256; the
/// widest accelerated one runs (<see cref="Width"/>), so the ratio is measured against the best this machine can do.
/// </summary>
public sealed class SimdMlp
{
    private const int Padding = 16;

    private readonly int[] _inputs;
    private readonly int[] _outputs;
    private readonly int[] _padded;
    private readonly float[][] _weights;
    private readonly float[][] _biases;
    private readonly bool[] _relu;
    private readonly float[][] _activations;

    /// <summary>Packs <paramref name="layers"/>; only ReLU and linear layers (the W1 network) are supported.</summary>
    public SimdMlp(DenseLayer[] layers)
    {
        int count = layers.Length;
        _inputs = new int[count];
        _outputs = new int[count];
        _padded = new int[count];
        _weights = new float[count][];
        _biases = new float[count][];
        _relu = new bool[count];
        _activations = new float[count][];
        for (int l = 0; l < count; l++)
        {
            DenseLayer layer = layers[l];
            if (layer.Activation == PeerActivation.Tanh)
            {
                throw new NotSupportedException("The SIMD reference implements ReLU and linear layers only.");
            }

            int padded = (layer.Outputs + Padding - 1) / Padding * Padding;
            var transposed = new float[layer.Inputs * padded];
            for (int o = 0; o < layer.Outputs; o++)
            {
                for (int i = 0; i < layer.Inputs; i++)
                {
                    transposed[i * padded + o] = layer.Weight[o * layer.Inputs + i];
                }
            }

            var bias = new float[padded];
            layer.Bias.CopyTo(bias, 0);
            (_inputs[l], _outputs[l], _padded[l], _weights[l], _biases[l], _relu[l]) = (layer.Inputs, layer.Outputs, padded, transposed, bias, layer.Activation == PeerActivation.ReLU);
            _activations[l] = new float[padded];
        }

        if (!Vector512.IsHardwareAccelerated && !Vector256.IsHardwareAccelerated)
        {
            throw new PlatformNotSupportedException("The SIMD reference needs Vector512 or Vector256 acceleration.");
        }
    }

    /// <summary>The width that runs on this machine: the widest accelerated one.</summary>
    public static string Width => Vector512.IsHardwareAccelerated ? "Vector512" : "Vector256";

    /// <summary>One sample: <paramref name="input"/> in, the unpadded outputs to <paramref name="output"/>.</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        ReadOnlySpan<float> x = input;
        for (int l = 0; l < _weights.Length; l++)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Dense512(x, _inputs[l], _weights[l], _biases[l], _activations[l], _padded[l], _relu[l]);
            }
            else
            {
                Dense256(x, _inputs[l], _weights[l], _biases[l], _activations[l], _padded[l], _relu[l]);
            }

            x = _activations[l];
        }

        x.Slice(0, _outputs[^1]).CopyTo(output);
    }

    // Tiles of 8 Vector512 (128 outputs) keep 8 accumulators, the broadcast input and a load in registers; the padded
    // widths here (128, 64, 16) are covered by tiles of 8, 4 and 1 vectors.
    private static void Dense512(ReadOnlySpan<float> x, int inputs, float[] weights, float[] bias, float[] y, int outputs, bool relu)
    {
        ref float w = ref MemoryMarshal.GetArrayDataReference(weights);
        ref float b = ref MemoryMarshal.GetArrayDataReference(bias);
        ref float xs = ref MemoryMarshal.GetReference(x);
        int o = 0;
        for (; o + 128 <= outputs; o += 128)
        {
            Vector512<float> a0 = Vector512.LoadUnsafe(ref b, (nuint)o), a1 = Vector512.LoadUnsafe(ref b, (nuint)(o + 16));
            Vector512<float> a2 = Vector512.LoadUnsafe(ref b, (nuint)(o + 32)), a3 = Vector512.LoadUnsafe(ref b, (nuint)(o + 48));
            Vector512<float> a4 = Vector512.LoadUnsafe(ref b, (nuint)(o + 64)), a5 = Vector512.LoadUnsafe(ref b, (nuint)(o + 80));
            Vector512<float> a6 = Vector512.LoadUnsafe(ref b, (nuint)(o + 96)), a7 = Vector512.LoadUnsafe(ref b, (nuint)(o + 112));
            for (int i = 0; i < inputs; i++)
            {
                Vector512<float> xi = Vector512.Create(Unsafe.Add(ref xs, i));
                ref float row = ref Unsafe.Add(ref w, i * outputs + o);
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row), xi, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 16), xi, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 32), xi, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 48), xi, a3);
                a4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 64), xi, a4);
                a5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 80), xi, a5);
                a6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 96), xi, a6);
                a7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 112), xi, a7);
            }

            Store512(relu, a0, y, o); Store512(relu, a1, y, o + 16); Store512(relu, a2, y, o + 32); Store512(relu, a3, y, o + 48);
            Store512(relu, a4, y, o + 64); Store512(relu, a5, y, o + 80); Store512(relu, a6, y, o + 96); Store512(relu, a7, y, o + 112);
        }

        for (; o + 64 <= outputs; o += 64)
        {
            Vector512<float> a0 = Vector512.LoadUnsafe(ref b, (nuint)o), a1 = Vector512.LoadUnsafe(ref b, (nuint)(o + 16));
            Vector512<float> a2 = Vector512.LoadUnsafe(ref b, (nuint)(o + 32)), a3 = Vector512.LoadUnsafe(ref b, (nuint)(o + 48));
            for (int i = 0; i < inputs; i++)
            {
                Vector512<float> xi = Vector512.Create(Unsafe.Add(ref xs, i));
                ref float row = ref Unsafe.Add(ref w, i * outputs + o);
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row), xi, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 16), xi, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 32), xi, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 48), xi, a3);
            }

            Store512(relu, a0, y, o); Store512(relu, a1, y, o + 16); Store512(relu, a2, y, o + 32); Store512(relu, a3, y, o + 48);
        }

        for (; o < outputs; o += 16)
        {
            Vector512<float> a0 = Vector512.LoadUnsafe(ref b, (nuint)o);
            for (int i = 0; i < inputs; i++)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)(i * outputs + o)), Vector512.Create(Unsafe.Add(ref xs, i)), a0);
            }

            Store512(relu, a0, y, o);
        }
    }

    // Tiles of 8 Vector256 (64 outputs): 8 accumulators, the broadcast input and a load fit the 16 YMM registers.
    private static void Dense256(ReadOnlySpan<float> x, int inputs, float[] weights, float[] bias, float[] y, int outputs, bool relu)
    {
        ref float w = ref MemoryMarshal.GetArrayDataReference(weights);
        ref float b = ref MemoryMarshal.GetArrayDataReference(bias);
        ref float xs = ref MemoryMarshal.GetReference(x);
        int o = 0;
        for (; o + 64 <= outputs; o += 64)
        {
            Vector256<float> a0 = Vector256.LoadUnsafe(ref b, (nuint)o), a1 = Vector256.LoadUnsafe(ref b, (nuint)(o + 8));
            Vector256<float> a2 = Vector256.LoadUnsafe(ref b, (nuint)(o + 16)), a3 = Vector256.LoadUnsafe(ref b, (nuint)(o + 24));
            Vector256<float> a4 = Vector256.LoadUnsafe(ref b, (nuint)(o + 32)), a5 = Vector256.LoadUnsafe(ref b, (nuint)(o + 40));
            Vector256<float> a6 = Vector256.LoadUnsafe(ref b, (nuint)(o + 48)), a7 = Vector256.LoadUnsafe(ref b, (nuint)(o + 56));
            for (int i = 0; i < inputs; i++)
            {
                Vector256<float> xi = Vector256.Create(Unsafe.Add(ref xs, i));
                ref float row = ref Unsafe.Add(ref w, i * outputs + o);
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row), xi, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 8), xi, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 16), xi, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 24), xi, a3);
                a4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 32), xi, a4);
                a5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 40), xi, a5);
                a6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 48), xi, a6);
                a7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 56), xi, a7);
            }

            Store256(relu, a0, y, o); Store256(relu, a1, y, o + 8); Store256(relu, a2, y, o + 16); Store256(relu, a3, y, o + 24);
            Store256(relu, a4, y, o + 32); Store256(relu, a5, y, o + 40); Store256(relu, a6, y, o + 48); Store256(relu, a7, y, o + 56);
        }

        // The 16-wide remainder (the 10 logits padded to 16): two accumulators.
        for (; o < outputs; o += 16)
        {
            Vector256<float> a0 = Vector256.LoadUnsafe(ref b, (nuint)o), a1 = Vector256.LoadUnsafe(ref b, (nuint)(o + 8));
            for (int i = 0; i < inputs; i++)
            {
                Vector256<float> xi = Vector256.Create(Unsafe.Add(ref xs, i));
                ref float row = ref Unsafe.Add(ref w, i * outputs + o);
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row), xi, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 8), xi, a1);
            }

            Store256(relu, a0, y, o); Store256(relu, a1, y, o + 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(bool relu, Vector512<float> value, float[] y, int offset)
        => (relu ? Vector512.Max(value, Vector512<float>.Zero) : value).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(y), (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(bool relu, Vector256<float> value, float[] y, int offset)
        => (relu ? Vector256.Max(value, Vector256<float>.Zero) : value).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(y), (nuint)offset);
}
