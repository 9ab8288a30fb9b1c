// One definition for the runtime, the generator and the analyzers: the generator and the analyzers cannot reference
// the runtime assembly, so they compile this file in (linked, as System.Text.Json's generator links its options
// types), as the internal InitializerKind of their model. The attribute's constant and the parser's value are then the same
// number by construction.
#if NEUROSLYN_ROSLYN_COMPONENT
namespace Neuroslyn.Generator.Model;
#else
namespace Neuroslyn;
#endif

/// <summary>How a dense layer's weights are drawn when the network is constructed. Biases start at zero.</summary>
#if NEUROSLYN_ROSLYN_COMPONENT
internal enum InitializerKind
#else
public enum Initializer
#endif
{
    /// <summary>
    /// Chosen from the activation: <see cref="HeUniform"/> for ReLU and LeakyReLU,
    /// <see cref="GlorotUniform"/> for everything else.
    /// </summary>
    Auto = 0,

    /// <summary>Uniform on ±sqrt(6 / fan_in) (Keras <c>he_uniform</c>).</summary>
    HeUniform = 1,

    /// <summary>Normal with standard deviation sqrt(2 / fan_in) (Keras <c>he_normal</c>, untruncated).</summary>
    HeNormal = 2,

    /// <summary>Uniform on ±sqrt(6 / (fan_in + fan_out)) (Keras <c>glorot_uniform</c>).</summary>
    GlorotUniform = 3,

    /// <summary>Normal with standard deviation sqrt(2 / (fan_in + fan_out)) (Keras <c>glorot_normal</c>, untruncated).</summary>
    GlorotNormal = 4,
}
