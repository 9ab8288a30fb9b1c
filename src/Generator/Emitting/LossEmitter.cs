using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>The call of the runtime's loss kernel for a network's loss.</summary>
internal static class LossEmitter
{
    public static string Call(NetworkSpec network, string outputs, string targets, string gradient) => network.Loss switch
    {
        LossKind.SoftmaxCrossEntropy => $"{Literals.Kernels}.LossKernels.SoftmaxCrossEntropy({outputs}, {targets}, OutputSize, {gradient})",
        LossKind.BinaryCrossEntropy => $"{Literals.Kernels}.LossKernels.BinaryCrossEntropy({outputs}, {targets}, {gradient})",
        _ => $"{Literals.Kernels}.LossKernels.MeanSquaredError({outputs}, {targets}, {gradient})",
    };

    public static string Describe(NetworkSpec network) => network.Loss switch
    {
        LossKind.SoftmaxCrossEntropy => "softmax cross-entropy" + (network.FoldsOutputActivation ? " (the output softmax is folded into it in training)" : " from logits") + "; targets are class indices",
        LossKind.BinaryCrossEntropy => "binary cross-entropy" + (network.FoldsOutputActivation ? " (the output sigmoid is folded into it in training)" : " from logits") + "; targets are OutputSize values in [0, 1] per sample",
        _ => "mean squared error; targets are OutputSize values per sample",
    };

    /// <summary>Targets per sample: one class index, or one value per output.</summary>
    public static string TargetsPerSample(NetworkSpec network) => network.Loss == LossKind.SoftmaxCrossEntropy ? "1" : "OutputSize";
}
