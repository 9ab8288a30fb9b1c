using System.Collections.Generic;

namespace Neuroslyn;

/// <summary>
/// The static side of a generated network: its compile-time sizes and layout, so that generic code
/// (training loops, weight files, dependency injection) can work with any network type.
/// </summary>
/// <typeparam name="TSelf">The generated class.</typeparam>
public interface ICompiledNetwork<TSelf> : INetwork
    where TSelf : ICompiledNetwork<TSelf>
{
    /// <summary>Number of input features per sample.</summary>
    static abstract int InputSize { get; }

    /// <summary>Number of outputs per sample.</summary>
    static abstract int OutputSize { get; }

    /// <summary>Length of <see cref="INetwork.Parameters"/> and <see cref="INetwork.Gradients"/>.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Length of <see cref="INetwork.Buffers"/>.</summary>
    static abstract int BufferCount { get; }

    /// <summary>
    /// Every tensor of the network's PyTorch state_dict, in layer order: those in <see cref="INetwork.Parameters"/> and
    /// <see cref="INetwork.Buffers"/>, and BatchNorm's <c>num_batches_tracked</c> counters
    /// (<see cref="ITrainingState.BatchesTracked"/>).
    /// </summary>
    static abstract IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>The layers in declaration order, with their hyper-parameters (for export to other formats).</summary>
    static abstract IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>Creates a network with weights initialised from <paramref name="seed"/>.</summary>
    static abstract TSelf Create(int seed);

    /// <summary>
    /// An immutable copy of the network as it is now, for inference only, with its weight matrices packed once for the
    /// kernels: faster inference, bit-identical outputs (see <see cref="IFrozenNetwork"/>). The generated class
    /// also has a <c>Freeze()</c> that returns its concrete nested <c>Frozen</c> class.
    /// </summary>
    IFrozenNetwork Freeze();
}
