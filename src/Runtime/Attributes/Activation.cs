namespace Neuroslyn;

/// <summary>The element-wise function a layer applies to its output.</summary>
public enum Activation
{
    /// <summary>No activation: the identity. Output layers that feed a loss "from logits" use it.</summary>
    Linear = 0,

    /// <summary><c>max(0, x)</c>. Weights default to He initialisation.</summary>
    ReLU = 1,

    /// <summary><c>x &gt; 0 ? x : slope·x</c>, with PyTorch's default slope 0.01 unless the layer sets one.</summary>
    LeakyReLU = 2,

    /// <summary><c>1 / (1 + e^-x)</c>. Weights default to Glorot initialisation.</summary>
    Sigmoid = 3,

    /// <summary><c>tanh(x)</c>. Weights default to Glorot initialisation.</summary>
    Tanh = 4,

    /// <summary>
    /// Softmax over the layer's outputs. Only valid on the output layer; with
    /// <see cref="Loss.SoftmaxCrossEntropy"/> it is folded into the loss for training, and
    /// inference returns probabilities.
    /// </summary>
    Softmax = 5,
}
