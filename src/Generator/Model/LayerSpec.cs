namespace Neuroslyn.Generator.Model;

/// <summary>
/// One layer, with every shape and offset resolved by the parser so that emitters infer nothing.
/// </summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="TorchIndex">Index of the layer's module in the equivalent PyTorch <c>nn.Sequential</c>.</param>
/// <param name="InputSize">Features in.</param>
/// <param name="OutputSize">Features out.</param>
internal abstract record LayerSpec(int Index, int TorchIndex, int InputSize, int OutputSize)
{
    /// <summary>Number of PyTorch modules the layer stands for (an activation is a module of its own there).</summary>
    public abstract int TorchModuleCount { get; }

    /// <summary>Trainable parameters the layer owns.</summary>
    public abstract int ParameterCount { get; }

    /// <summary>Non-trainable buffer values the layer owns.</summary>
    public abstract int BufferCount { get; }
}

/// <summary>A fully connected layer: <c>y = activation(x·W + b)</c>, W stored input-major ([in, out]).</summary>
/// <param name="Name">Prefix of the layer's tensor names: the user's <c>Name</c>, else <c>TorchIndex</c>.</param>
internal sealed record DenseSpec(
    int Index, int TorchIndex, int InputSize, int OutputSize,
    ActivationKind Activation, float LeakySlope, InitializerKind Initializer, bool UseBias,
    int WeightOffset, int BiasOffset, string Name)
    : LayerSpec(Index, TorchIndex, InputSize, OutputSize)
{
    public override int TorchModuleCount => Activation == ActivationKind.Linear ? 1 : 2;

    public override int ParameterCount => (InputSize * OutputSize) + (UseBias ? OutputSize : 0);

    public override int BufferCount => 0;
}

/// <summary>Inverted dropout with the given rate.</summary>
internal sealed record DropoutSpec(int Index, int TorchIndex, int Size, float Rate)
    : LayerSpec(Index, TorchIndex, Size, Size)
{
    public override int TorchModuleCount => 1;

    public override int ParameterCount => 0;

    public override int BufferCount => 0;
}

/// <summary>Batch normalization over <c>Size</c> features, then an optional activation.</summary>
/// <param name="CounterIndex">Index of the layer's <c>num_batches_tracked</c> counter among the network's BatchNorm layers.</param>
/// <param name="Name">Prefix of the layer's tensor names: the user's <c>Name</c>, else <c>TorchIndex</c>.</param>
internal sealed record BatchNormSpec(
    int Index, int TorchIndex, int Size,
    ActivationKind Activation, float LeakySlope, float Momentum, float Epsilon,
    int ScaleOffset, int ShiftOffset, int MeanOffset, int VarianceOffset, int CounterIndex, string Name)
    : LayerSpec(Index, TorchIndex, Size, Size)
{
    public override int TorchModuleCount => Activation == ActivationKind.Linear ? 1 : 2;

    public override int ParameterCount => 2 * OutputSize;

    public override int BufferCount => 2 * OutputSize;
}
