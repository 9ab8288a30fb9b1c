namespace Neuroslyn;

/// <summary>
/// One layer of a generated network as declared, for code that rebuilds the network elsewhere (ONNX export, a
/// PyTorch model). A layer kind is one derived record.
/// </summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">
/// Prefix of the layer's tensors in the state_dict: the index of its module in the equivalent <c>nn.Sequential</c>
/// (<c>"0"</c>), or the layer's <c>Name</c> when it sets one (<c>"fc1"</c>).
/// </param>
/// <param name="InputSize">Features in.</param>
/// <param name="OutputSize">Features out.</param>
public abstract record LayerInfo(int Index, string Name, int InputSize, int OutputSize);

/// <summary>A <see cref="DenseAttribute"/> layer: <c>y = activation(x·W + b)</c>.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">Prefix of the layer's tensors in the state_dict (see <see cref="LayerInfo.Name"/>).</param>
/// <param name="InputSize">Features in.</param>
/// <param name="OutputSize">Features out.</param>
/// <param name="Activation">The activation after the affine map.</param>
/// <param name="LeakySlope">Negative slope when <paramref name="Activation"/> is LeakyReLU.</param>
/// <param name="UseBias">Whether the layer has a bias.</param>
public sealed record DenseLayerInfo(int Index, string Name, int InputSize, int OutputSize, Activation Activation, float LeakySlope, bool UseBias)
    : LayerInfo(Index, Name, InputSize, OutputSize);

/// <summary>A <see cref="DropoutAttribute"/> layer: active in training only.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">The index of its module in the equivalent <c>nn.Sequential</c>; dropout has no tensors.</param>
/// <param name="Size">Features in and out.</param>
/// <param name="Rate">Probability of dropping each unit.</param>
public sealed record DropoutLayerInfo(int Index, string Name, int Size, float Rate)
    : LayerInfo(Index, Name, Size, Size);

/// <summary>A <see cref="BatchNormAttribute"/> layer, then its activation.</summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">Prefix of the layer's tensors in the state_dict (see <see cref="LayerInfo.Name"/>).</param>
/// <param name="Size">Features in and out.</param>
/// <param name="Activation">The activation after the normalisation.</param>
/// <param name="LeakySlope">Negative slope when <paramref name="Activation"/> is LeakyReLU.</param>
/// <param name="Momentum">Weight of each new batch in the running statistics.</param>
/// <param name="Epsilon">Added to the variance before the square root.</param>
public sealed record BatchNormLayerInfo(int Index, string Name, int Size, Activation Activation, float LeakySlope, float Momentum, float Epsilon)
    : LayerInfo(Index, Name, Size, Size);
