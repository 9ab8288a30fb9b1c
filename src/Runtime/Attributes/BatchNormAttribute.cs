using System;

namespace Neuroslyn;

/// <summary>
/// Batch normalization over the features of the previous layer (PyTorch <c>nn.BatchNorm1d</c>), optionally
/// followed by an activation, so that <c>[Dense(128)] [BatchNorm(Activation.ReLU)]</c> is
/// <c>Linear → BatchNorm1d → ReLU</c>. Training normalises with the batch statistics and updates the running
/// statistics; inference normalises with the running statistics.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : Attribute
{
    /// <summary>Creates a batch-normalization layer.</summary>
    /// <param name="activation">Activation applied after the normalisation. Default: none.</param>
    public BatchNormAttribute(Activation activation = Activation.Linear) => Activation = activation;

    /// <summary>Activation applied after the normalisation.</summary>
    public Activation Activation { get; }

    /// <summary>Weight of the new batch in the running statistics. Default 0.1, as PyTorch.</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Added to the variance before the square root. Default 1e-5, as PyTorch.</summary>
    public double Epsilon { get; set; } = 1e-5;

    /// <summary>Negative slope when <see cref="Activation"/> is LeakyReLU. Default 0.01.</summary>
    public float LeakySlope { get; set; } = 0.01f;

    /// <summary>
    /// Prefix of the layer's tensors in weight files (PyTorch state_dict names): <c>Name = "fc1"</c> gives
    /// <c>fc1.weight</c> and <c>fc1.bias</c>. Default: the index of the layer's module in the equivalent
    /// <c>nn.Sequential</c> (<c>0.weight</c>). Letters, digits and underscores, in parts separated by dots
    /// (<c>encoder.0</c>); unique within the network.
    /// </summary>
    public string? Name { get; set; }
}
