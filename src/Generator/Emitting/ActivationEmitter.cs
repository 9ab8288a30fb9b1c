using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Calls of the runtime's element-wise activation kernels, forward and backward.</summary>
internal static class ActivationEmitter
{
    private const string Kernels = Literals.Kernels + ".ActivationKernels";

    /// <summary>Applies the activation to <paramref name="values"/> (rows × <paramref name="columns"/>) in place.</summary>
    public static void Forward(SourceWriter writer, ActivationKind activation, float slope, string values, int columns)
    {
        string? call = activation switch
        {
            ActivationKind.ReLU => $"{Kernels}.ReLU({values});",
            ActivationKind.LeakyReLU => $"{Kernels}.LeakyReLU({values}, {Literals.Float(slope)});",
            ActivationKind.Sigmoid => $"{Kernels}.Sigmoid({values});",
            ActivationKind.Tanh => $"{Kernels}.Tanh({values});",
            ActivationKind.Softmax => $"{Kernels}.SoftmaxRows({values}, {columns});",
            _ => null,
        };
        if (call is not null)
        {
            writer.Line(call);
        }
    }

    /// <summary>
    /// Multiplies the gradient <paramref name="gradient"/> by the activation's derivative, computed from the
    /// activation's <paramref name="output"/>.
    /// </summary>
    public static void Backward(SourceWriter writer, ActivationKind activation, float slope, string output, string gradient, int columns)
    {
        string? call = activation switch
        {
            ActivationKind.ReLU => $"{Kernels}.ReLUBackward({output}, {gradient});",
            ActivationKind.LeakyReLU => $"{Kernels}.LeakyReLUBackward({output}, {gradient}, {Literals.Float(slope)});",
            ActivationKind.Sigmoid => $"{Kernels}.SigmoidBackward({output}, {gradient});",
            ActivationKind.Tanh => $"{Kernels}.TanhBackward({output}, {gradient});",
            ActivationKind.Softmax => $"{Kernels}.SoftmaxRowsBackward({output}, {gradient}, {columns});",
            _ => null,
        };
        if (call is not null)
        {
            writer.Line(call);
        }
    }

    public static string Describe(ActivationKind activation, float slope)
        => activation == ActivationKind.LeakyReLU ? $"LeakyReLU({Literals.Shortest(slope)})" : activation.ToString();
}
