// One definition for the runtime, the generator and the analyzers: the generator and the analyzers cannot reference
// the runtime assembly, so they compile this file in (linked, as System.Text.Json's generator links its options
// types), as the internal ActivationKind of their model. The attribute's constant and the parser's value are then the same
// number by construction.
#if NEUROSLYN_ROSLYN_COMPONENT
namespace Neuroslyn.Generator.Model;
#else
namespace Neuroslyn;
#endif

/// <summary>The element-wise function a layer applies to its output.</summary>
#if NEUROSLYN_ROSLYN_COMPONENT
internal enum ActivationKind
#else
public enum Activation
#endif
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
