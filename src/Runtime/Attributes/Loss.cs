namespace Neuroslyn;

/// <summary>The loss a network minimises. Every loss is the mean over the mini-batch, as in PyTorch.</summary>
public enum Loss
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
