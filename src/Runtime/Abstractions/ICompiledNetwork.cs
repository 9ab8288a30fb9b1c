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

    /// <summary>Every tensor in <see cref="INetwork.Parameters"/> and <see cref="INetwork.Buffers"/>, in layer order.</summary>
    static abstract IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Creates a network with weights initialised from <paramref name="seed"/>.</summary>
    static abstract TSelf Create(int seed);
}
