using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// The three matrix products of a dense layer of shape <typeparamref name="TShape"/>, and the frozen forward, that
/// the generated code calls: y = x·W + b, ∂W = xᵀ·δ and ∂x = δ·Wᵀ, with W stored input-major (W[in, out]). The JIT
/// compiles them once per shape struct and vector width, every extent a constant, with the register tiles, panels and
/// blocks the generated kernels had (see <see cref="MatMul{TProduct, TSimd, TVector}"/>), and the same results, bit for
/// bit: every result is <c>bias + Σ_k a·b</c> in k order, whatever the tile, the thread or the number of threads.
/// </summary>
/// <typeparam name="TShape">The layer's shape: a <c>readonly struct</c> whose members return literals.</typeparam>
public static class DenseKernels<TShape>
    where TShape : struct, IDenseShape
{
    /// <summary>
    /// The forward product: <c>y[n, out] = act(x[n, in]·W[in, out] + b)</c> for <paramref name="count"/> rows, where
    /// act is <see cref="IDenseShape.FusedActivation"/>, applied as each result is stored.
    /// </summary>
    /// <param name="x">The inputs, <paramref name="count"/> rows of <see cref="IDenseShape.Inputs"/>.</param>
    /// <param name="w">The weights W[in, out], row-major.</param>
    /// <param name="bias">The bias, added to every row; ignored (it may be empty) when the layer has none.</param>
    /// <param name="y">The outputs, <paramref name="count"/> rows of <see cref="IDenseShape.Outputs"/>.</param>
    /// <param name="count">The batch size.</param>
    /// <param name="threads">Threads to split the product over (<see cref="KernelThreads"/>); 1 runs it on the calling thread.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer's shape requires, or <paramref name="count"/> is negative.</exception>
    /// <exception cref="NotSupportedException">The shape is not a valid dense layer.</exception>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, int count, int threads)
    {
        // The kernels read and write through references: every extent is checked here, once.
        CheckShape();
        if (count < 0 || x.Length < (long)count * TShape.Inputs || w.Length < Weights || y.Length < (long)count * TShape.Outputs
            || (TShape.HasBias && bias.Length < TShape.Outputs))
        {
            ThrowShorter("forward");
        }

        if (MatMulDispatch<DenseForward<TShape>>.CanSplit && threads > 1 && count > 1)
        {
            KernelThreads.MatMul(MatMulDispatch<DenseForward<TShape>>.ShareHandle, x, w, TShape.HasBias ? bias : default, y, count, threads);
            return;
        }

        MatMulDispatch<DenseForward<TShape>>.Share(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref BiasReference(bias), ref MemoryMarshal.GetReference(y), (nuint)count, 0, 1);
    }

    /// <summary>
    /// The forward product of a frozen network, on the calling thread: as <see cref="Forward"/>, with W's column panels
    /// read from <paramref name="packed"/>, where <see cref="Pack"/> put them (W itself is still read for the columns
    /// after the last panel, and by the single-row path's leftover columns). The results are the same, bit for bit.
    /// </summary>
    /// <param name="x">The inputs, <paramref name="count"/> rows of <see cref="IDenseShape.Inputs"/>.</param>
    /// <param name="w">The weights W[in, out], row-major.</param>
    /// <param name="packed">W packed by <see cref="Pack"/> in this process (the panel width depends on the processor).</param>
    /// <param name="bias">The bias, added to every row; ignored (it may be empty) when the layer has none.</param>
    /// <param name="y">The outputs, <paramref name="count"/> rows of <see cref="IDenseShape.Outputs"/>.</param>
    /// <param name="count">The batch size.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer's shape requires, or <paramref name="count"/> is negative.</exception>
    /// <exception cref="NotSupportedException">The shape is not a valid dense layer.</exception>
    public static void ForwardFrozen(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> packed, ReadOnlySpan<float> bias, Span<float> y, int count)
    {
        CheckShape();
        if (count < 0 || x.Length < (long)count * TShape.Inputs || w.Length < Weights || packed.Length < Weights
            || y.Length < (long)count * TShape.Outputs || (TShape.HasBias && bias.Length < TShape.Outputs))
        {
            ThrowShorter("frozen forward");
        }

        MatMulDispatch<DenseForward<TShape>>.Run(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(packed), ref BiasReference(bias),
            ref MemoryMarshal.GetReference(y), (nuint)count, 0, 1);
    }

    /// <summary>
    /// Packs W for <see cref="ForwardFrozen"/>, once: its whole column panels (<see cref="PackedPanels.Pack"/>) in the
    /// panel width of the widest accelerated vectors, the width <see cref="ForwardFrozen"/> will read them in.
    /// </summary>
    /// <param name="w">The weights W[in, out], row-major.</param>
    /// <param name="packed">At least in × out floats; the places after the last whole panel are left as they were.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer's shape requires.</exception>
    /// <exception cref="NotSupportedException">The shape is not a valid dense layer.</exception>
    public static void Pack(ReadOnlySpan<float> w, Span<float> packed)
    {
        CheckShape();
        MatMulDispatch<DenseForward<TShape>>.Pack(w, packed);
    }

    /// <summary>
    /// The weight gradient: <c>∂W[in, out] = xᵀ[in, n]·δ[n, out]</c> over <paramref name="count"/> rows, overwriting
    /// <paramref name="gradient"/> (the depth of this product is the batch).
    /// </summary>
    /// <param name="x">The layer's inputs, <paramref name="count"/> rows of <see cref="IDenseShape.Inputs"/>.</param>
    /// <param name="delta">The gradient with respect to the layer's outputs (after the activation's derivative), <paramref name="count"/> rows of <see cref="IDenseShape.Outputs"/>.</param>
    /// <param name="gradient">∂W[in, out], row-major.</param>
    /// <param name="count">The batch size.</param>
    /// <param name="threads">Threads to split the product over (<see cref="KernelThreads"/>); 1 runs it on the calling thread.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer's shape requires, or <paramref name="count"/> is negative.</exception>
    /// <exception cref="NotSupportedException">The shape is not a valid dense layer.</exception>
    public static void WeightGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> gradient, int count, int threads)
    {
        CheckShape();
        if (count < 0 || x.Length < (long)count * TShape.Inputs || delta.Length < (long)count * TShape.Outputs || gradient.Length < Weights)
        {
            ThrowShorter("weight gradient");
        }

        if (MatMulDispatch<DenseWeightGradient<TShape>>.CanSplit && threads > 1)
        {
            KernelThreads.MatMul(MatMulDispatch<DenseWeightGradient<TShape>>.ShareHandle, x, delta, default, gradient, count, threads);
            return;
        }

        MatMulDispatch<DenseWeightGradient<TShape>>.Share(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(delta), ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(gradient),
            (nuint)count, 0, 1);
    }

    /// <summary>
    /// The input gradient: <c>∂x[n, in] = δ[n, out]·Wᵀ[out, in]</c> for <paramref name="count"/> rows, reading W as it is
    /// (its panels are copied out of it transposed), overwriting <paramref name="inputDelta"/>.
    /// </summary>
    /// <param name="delta">The gradient with respect to the layer's outputs, <paramref name="count"/> rows of <see cref="IDenseShape.Outputs"/>.</param>
    /// <param name="w">The weights W[in, out], row-major.</param>
    /// <param name="inputDelta">The gradient with respect to the layer's inputs, <paramref name="count"/> rows of <see cref="IDenseShape.Inputs"/>.</param>
    /// <param name="count">The batch size.</param>
    /// <param name="threads">Threads to split the product over (<see cref="KernelThreads"/>); 1 runs it on the calling thread.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer's shape requires, or <paramref name="count"/> is negative.</exception>
    /// <exception cref="NotSupportedException">The shape is not a valid dense layer.</exception>
    public static void InputGradient(ReadOnlySpan<float> delta, ReadOnlySpan<float> w, Span<float> inputDelta, int count, int threads)
    {
        CheckShape();
        if (count < 0 || delta.Length < (long)count * TShape.Outputs || w.Length < Weights || inputDelta.Length < (long)count * TShape.Inputs)
        {
            ThrowShorter("input gradient");
        }

        if (MatMulDispatch<DenseInputGradient<TShape>>.CanSplit && threads > 1 && count > 1)
        {
            KernelThreads.MatMul(MatMulDispatch<DenseInputGradient<TShape>>.ShareHandle, delta, w, default, inputDelta, count, threads);
            return;
        }

        MatMulDispatch<DenseInputGradient<TShape>>.Share(
            ref MemoryMarshal.GetReference(delta), ref MemoryMarshal.GetReference(w), ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(inputDelta),
            (nuint)count, 0, 1);
    }

    /// <summary>
    /// Share <paramref name="part"/> of <paramref name="parts"/> of the forward product in one given width, whatever the
    /// processor supports (tests; .NET runs unsupported widths in software, with the same results). No checks.
    /// </summary>
    internal static void ForwardVariant<TSimd, TVector>(ref float x, ref float w, ref float packed, ref float bias, ref float y, nuint count, nuint part, nuint parts)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        => MatMul<DenseForward<TShape>, TSimd, TVector>.Run(ref x, ref w, ref packed, ref bias, ref y, count, part, parts);

    /// <summary>As <see cref="ForwardVariant{TSimd, TVector}"/>, for the weight gradient.</summary>
    internal static void WeightGradientVariant<TSimd, TVector>(ref float x, ref float delta, ref float gradient, nuint count, nuint part, nuint parts)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        => MatMul<DenseWeightGradient<TShape>, TSimd, TVector>.Run(
            ref x, ref delta, ref Unsafe.NullRef<float>(), ref Unsafe.NullRef<float>(), ref gradient, count, part, parts);

    /// <summary>As <see cref="ForwardVariant{TSimd, TVector}"/>, for the input gradient.</summary>
    internal static void InputGradientVariant<TSimd, TVector>(ref float delta, ref float w, ref float inputDelta, nuint count, nuint part, nuint parts)
        where TSimd : struct, ISimd<TVector>
        where TVector : struct
        => MatMul<DenseInputGradient<TShape>, TSimd, TVector>.Run(
            ref delta, ref w, ref Unsafe.NullRef<float>(), ref Unsafe.NullRef<float>(), ref inputDelta, count, part, parts);

    /// <summary>The weights' floats, in × out.</summary>
    private static long Weights
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (long)TShape.Inputs * TShape.Outputs;
    }

    /// <summary>The bias the kernels read: a null reference for a layer without one, which they never touch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float BiasReference(ReadOnlySpan<float> bias)
        => ref TShape.HasBias ? ref MemoryMarshal.GetReference(bias) : ref Unsafe.NullRef<float>();

    /// <summary>Refuses a shape the kernels are not written for; the JIT folds the test away for a valid one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckShape()
    {
        if (TShape.Inputs <= 0 || TShape.Outputs <= 0
            || TShape.FusedActivation is not (Activation.Linear or Activation.ReLU or Activation.LeakyReLU))
        {
            ThrowUnsupportedShape();
        }
    }

    /// <summary>
    /// Throws for a short span. The JIT does not inline a method that only throws and ends the path at its call, so
    /// the entry points keep no values alive across it.
    /// </summary>
    [DoesNotReturn]
    private static void ThrowShorter(string product)
        => throw new ArgumentException($"Dense {TShape.Inputs} -> {TShape.Outputs} {product}: a span is shorter than the layer's shape requires.");

    [DoesNotReturn]
    private static void ThrowUnsupportedShape()
        => throw new NotSupportedException(
            $"Dense {TShape.Inputs} -> {TShape.Outputs} with {TShape.FusedActivation} fused: the kernels need positive extents and fuse only Linear, ReLU and LeakyReLU.");
}
