using System;

namespace Neuroslyn;

/// <summary>
/// The instance side of every generated network: inference and access to its state. Implemented by each class
/// that carries <see cref="NetworkAttribute"/>.
/// </summary>
/// <remarks>
/// Inference (<see cref="Predict"/>, <see cref="PredictBatch"/>) allocates nothing per call and may run on many
/// threads at once over the same weights. Training and writes to the spans below must not overlap inference.
/// </remarks>
public interface INetwork
{
    /// <summary>Runs one sample through the network in inference mode.</summary>
    /// <param name="input">The sample's <c>InputSize</c> features.</param>
    /// <param name="output">Receives the <c>OutputSize</c> outputs.</param>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Runs a batch of samples, stored row after row, through the network in inference mode.</summary>
    /// <param name="inputs">n × <c>InputSize</c> features.</param>
    /// <param name="outputs">Receives n × <c>OutputSize</c> outputs.</param>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// All trainable parameters in one buffer. <see cref="ICompiledNetwork{TSelf}.Tensors"/> says where each
    /// tensor lives and in which layout.
    /// </summary>
    Span<float> Parameters { get; }

    /// <summary>The gradient of the last mini-batch's mean loss, laid out like <see cref="Parameters"/>.</summary>
    Span<float> Gradients { get; }

    /// <summary>Non-trainable state (BatchNorm running statistics), as PyTorch's buffers.</summary>
    Span<float> Buffers { get; }
}
