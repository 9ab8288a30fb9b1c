using System.Collections.Generic;
using Neuroslyn.Weights.Onnx;

namespace Neuroslyn;

/// <summary>
/// One layer of a generated network as declared, for code that rebuilds the network elsewhere (ONNX export, a
/// PyTorch model) and for the training monitor. A layer kind is one derived record, in its own folder
/// (src/Runtime/Layers/&lt;Kind&gt;), which answers everything the runtime asks of the kind: its activation, how
/// messages name it, its ONNX nodes.
/// </summary>
/// <param name="Index">Position among the declared layers (0-based).</param>
/// <param name="Name">
/// Prefix of the layer's tensors in the state_dict: the index of its module in the equivalent <c>nn.Sequential</c>
/// (<c>"0"</c>), or the layer's <c>Name</c> when it sets one (<c>"fc1"</c>).
/// </param>
/// <param name="InputSize">Values in, per sample.</param>
/// <param name="OutputSize">Values out, per sample.</param>
public abstract record LayerInfo(int Index, string Name, int InputSize, int OutputSize)
{
    /// <summary>One sample's input shape (PyTorch's order, the batch left out): <c>[features]</c> unless the kind overrides it (the image kinds: <c>[channels, height, width]</c>).</summary>
    public virtual IReadOnlyList<int> InputShape => [InputSize];

    /// <summary>One sample's output shape (PyTorch's order, the batch left out).</summary>
    public virtual IReadOnlyList<int> OutputShape => [OutputSize];

    /// <summary>
    /// How one sample's output lies in memory, as the next layer and the training monitor read it (see
    /// <see cref="UnitLayout"/>). The default follows <see cref="OutputShape"/> and the layout every image kind keeps
    /// between layers: <c>[features]</c> is one position of features, <c>[channels, height, width]</c> is channels-last,
    /// height × width positions of the channels. A kind that lays its output out otherwise overrides it; a shape of
    /// another rank has no default and must be answered by its kind.
    /// </summary>
    /// <exception cref="System.NotSupportedException">The output shape has neither 1 nor 3 axes and the kind does not override this.</exception>
    public virtual UnitLayout OutputUnits => OutputShape.Count switch
    {
        1 => UnitLayout.Features(OutputShape[0]),
        3 => UnitLayout.ChannelsLast(OutputShape),
        _ => throw new System.NotSupportedException(
            $"{GetType().Name} (layer {Index}) has the output shape [{string.Join(", ", OutputShape)}] and does not say how it lies in memory: override {nameof(OutputUnits)}."),
    };

    /// <summary>The activation the layer applies after its own operation; <see cref="Activation.Linear"/> for none.</summary>
    public virtual Activation AppliedActivation => Activation.Linear;

    /// <summary>"Dense(64, ReLU)", "BatchNorm(ReLU)", "Dropout(0.5)": the layer as the monitor's messages name it.</summary>
    public abstract string Description { get; }

    /// <summary>Adds the layer's inference nodes after the value <paramref name="input"/>; returns the name of its output.</summary>
    internal abstract string AddOnnxNodes(OnnxGraph graph, string input);
}
