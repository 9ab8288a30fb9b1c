namespace Neuroslyn.Kernels;

/// <summary>
/// The shape of one dense layer, as constants: the generated code implements it with a <c>readonly struct</c> per
/// layer and passes that struct to <see cref="DenseKernels{TShape}"/>. The JIT compiles the kernels once per shape
/// struct and reads these members as constants, so every extent, stride and block size in the machine code is a
/// literal, as if the products had been written out for the layer.
/// </summary>
/// <remarks>
/// Implementations return literals (<c>public static int Inputs =&gt; 784;</c>): a member that computes its value or
/// reads a field would still work, but the kernels would lose the constant folding they were written for.
/// </remarks>
public interface IDenseShape
{
    /// <summary>Features in: the rows of the weight matrix W[in, out]. Positive.</summary>
    static abstract int Inputs { get; }

    /// <summary>Features out: the columns of W. Positive.</summary>
    static abstract int Outputs { get; }

    /// <summary>Whether the forward product adds a bias to every row.</summary>
    static abstract bool HasBias { get; }

    /// <summary>
    /// Applied to each result as the forward product stores it: <see cref="Activation.Linear"/> (nothing),
    /// <see cref="Activation.ReLU"/> or <see cref="Activation.LeakyReLU"/> only. A layer with another activation
    /// passes <see cref="Activation.Linear"/> here and applies its activation over the output afterwards.
    /// </summary>
    static abstract Activation FusedActivation { get; }

    /// <summary>The negative slope when <see cref="FusedActivation"/> is <see cref="Activation.LeakyReLU"/>; otherwise unused.</summary>
    static abstract float LeakySlope { get; }
}
