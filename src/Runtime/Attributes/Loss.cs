// One definition for the runtime, the generator and the analyzers: the generator and the analyzers cannot reference
// the runtime assembly, so they compile this file in (linked, as System.Text.Json's generator links its options
// types), as the internal LossKind of their model. The attribute's constant and the parser's value are then the same
// number by construction.
#if NEUROSLYN_ROSLYN_COMPONENT
namespace Neuroslyn.Generator.Model;
#else
namespace Neuroslyn;
#endif

/// <summary>The loss a network minimises. Every loss is the mean over the mini-batch, as in PyTorch.</summary>
#if NEUROSLYN_ROSLYN_COMPONENT
internal enum LossKind
#else
public enum Loss
#endif
{
    /// <summary>
    /// Mean squared error over every output of every sample (PyTorch <c>nn.MSELoss()</c>).
    /// Targets are vectors of <c>OutputSize</c> floats per sample.
    /// </summary>
    MeanSquaredError = 0,

    /// <summary>
    /// Cross-entropy of the softmax of the outputs (PyTorch <c>nn.CrossEntropyLoss()</c>, which takes logits).
    /// Targets are class indices, one <see cref="int"/> per sample.
    /// </summary>
    SoftmaxCrossEntropy = 1,

    /// <summary>
    /// Binary cross-entropy of the sigmoid of the outputs (PyTorch <c>nn.BCEWithLogitsLoss()</c>).
    /// Targets are vectors of <c>OutputSize</c> floats in [0, 1] per sample.
    /// </summary>
    BinaryCrossEntropy = 2,
}
