using System;

namespace Neuroslyn;

/// <summary>
/// A fully connected layer, <c>y = activation(x·W + b)</c> (PyTorch <c>nn.Linear</c> followed by the activation;
/// Keras <c>Dense</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Creates a dense layer.</summary>
    /// <param name="units">Number of outputs; must be positive.</param>
    /// <param name="activation">Activation applied to the outputs. Default: <see cref="Activation.Linear"/>.</param>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Number of outputs.</summary>
    public int Units { get; }

    /// <summary>Activation applied to the outputs.</summary>
    public Activation Activation { get; }

    /// <summary>Weight initialisation. Default: chosen from the activation.</summary>
    public Initializer Initializer { get; set; }

    /// <summary>Whether the layer has a bias. Default true.</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Negative slope of <see cref="Activation.LeakyReLU"/>. Default 0.01, as PyTorch.</summary>
    public float LeakySlope { get; set; } = 0.01f;

    /// <summary>
    /// Prefix of the layer's tensors in weight files (PyTorch state_dict names): <c>Name = "fc1"</c> gives
    /// <c>fc1.weight</c> and <c>fc1.bias</c>. Default: the index of the layer's module in the equivalent
    /// <c>nn.Sequential</c> (<c>0.weight</c>). Letters, digits and underscores, in parts separated by dots
    /// (<c>encoder.0</c>); unique within the network.
    /// </summary>
    public string? Name { get; set; }
}
