using System;

namespace Neuroslyn;

/// <summary>
/// An immutable copy of a network for inference, made by <see cref="ICompiledNetwork{TSelf}.Freeze"/>: what a service
/// keeps once its weights are final.
/// </summary>
/// <remarks>
/// It holds its own copy of the weights, with each weight matrix also packed once into the column panels the kernels
/// read: <see cref="PredictBatch"/> skips the copy that the network itself makes of its weights on every call (the
/// network cannot keep such a copy: its <see cref="INetwork.Parameters"/> may be written at any time), and
/// <see cref="Predict"/> reads a few panels as sequential streams instead of rows of W a tile's width at a time. Its outputs are
/// bit-for-bit those of the network at the moment it was frozen; training or changing the network afterwards does
/// not change it. Like the network's, its inference allocates nothing per call and may run on many threads at once.
/// </remarks>
public interface IFrozenNetwork
{
    /// <summary>Number of input features per sample.</summary>
    int InputSize { get; }

    /// <summary>Number of outputs per sample.</summary>
    int OutputSize { get; }

    /// <inheritdoc cref="INetwork.Predict"/>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <inheritdoc cref="INetwork.PredictBatch"/>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);
}
