using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// Dense layers. The weights are stored input-major (W[in, out]), so that the forward pass streams rows of W
/// against broadcast inputs (the "axpy" form). The three products, y = x·W + b, ∂W = xᵀ·δ and ∂x = δ·Wᵀ, are the
/// runtime's <c>DenseKernels&lt;TShape&gt;</c>, written once: the layer contributes a shape struct whose static
/// members are its constants, and the JIT compiles the kernels for that struct with every extent a literal, for the
/// widest vectors the processor has. Nothing of the products is emitted per layer or per vector width.
/// </summary>
internal sealed class DenseEmitter : LayerEmitter
{
    public static readonly DenseEmitter Instance = new();

    public override string Describe(LayerSpec layer)
    {
        var dense = (DenseSpec)layer;
        string bias = dense.UseBias ? string.Empty : ", no bias";
        return $"Dense      {dense.InputSize} -> {dense.OutputSize}, {ActivationEmitter.Describe(dense.Activation, dense.LeakySlope)}, {dense.Initializer} weights{bias}; {Literals.Count(dense.ParameterCount, "parameter")}";
    }


    public override string Info(LayerSpec layer)
    {
        var dense = (DenseSpec)layer;
        return $"new global::Neuroslyn.DenseLayerInfo({dense.Index}, \"{dense.Name}\", {dense.InputSize}, {dense.OutputSize}, {Activation(dense.Activation)}, {Literals.Float(dense.LeakySlope)}, {(dense.UseBias ? "true" : "false")})";
    }

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
        var dense = (DenseSpec)layer;
        writer.Line($"{Literals.Kernels}.WeightInitializer.Fill({Weights(dense)}, {Literals.Initializer(dense.Initializer)}, {dense.InputSize}, {dense.OutputSize}, ref random);");
    }

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io) => EmitForward(writer, (DenseSpec)layer, io);

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch) => EmitForward(writer, (DenseSpec)layer, io);

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        var dense = (DenseSpec)layer;
        if (io.ApplyActivation)
        {
            ActivationEmitter.Backward(writer, dense.Activation, dense.LeakySlope, io.Output, io.Delta, dense.OutputSize);
        }

        writer.Line($"{Kernels(dense)}.WeightGradient({io.Input}, {io.Delta}, {Gradients(dense.WeightOffset, WeightCount(dense))}, {io.Rows}, {io.Threads});");
        if (dense.UseBias)
        {
            writer.Line($"{Literals.Kernels}.MatrixKernels.ColumnSums({io.Delta}, {io.Rows}, {dense.OutputSize}, {Gradients(dense.BiasOffset, dense.OutputSize)});");
        }

        if (io.InputDelta is not null)
        {
            writer.Line($"{Kernels(dense)}.InputGradient({io.Delta}, {Weights(dense)}, {io.InputDelta}, {io.Rows}, {io.Threads});");
        }
    }

    public override void EmitFreeze(SourceWriter writer, LayerSpec layer)
    {
        var dense = (DenseSpec)layer;
        writer.Line($"{Kernels(dense)}.Pack({Weights(dense)}, {Packed(dense.WeightOffset, WeightCount(dense))});");
    }

    /// <summary>The layer's shape struct: the constants the runtime's kernels are specialised for.</summary>
    public override void EmitKernels(SourceWriter writer, LayerSpec layer)
    {
        var dense = (DenseSpec)layer;
        bool fused = CanFuse(dense.Activation);
        string bias = dense.UseBias ? " + b" : string.Empty;
        string activation = fused ? $", then {ActivationEmitter.Describe(dense.Activation, dense.LeakySlope)} as it stores" : string.Empty;
        writer.Line($"/// <summary>Layer {dense.Index}'s shape for the runtime's dense kernels: y[n, {dense.OutputSize}] = x[n, {dense.InputSize}]·W[{dense.InputSize}, {dense.OutputSize}]{bias}{activation}.</summary>");
        using (writer.Block($"private readonly struct {DenseSpec.ShapeName(dense.Index)} : {Literals.Kernels}.IDenseShape"))
        {
            writer.Line($"public static int Inputs => {Literals.Int(dense.InputSize)};");
            writer.Line();
            writer.Line($"public static int Outputs => {Literals.Int(dense.OutputSize)};");
            writer.Line();
            writer.Line($"public static bool HasBias => {(dense.UseBias ? "true" : "false")};");
            writer.Line();
            writer.Line($"public static global::Neuroslyn.Activation FusedActivation => {Activation(fused ? dense.Activation : ActivationKind.Linear)};");
            writer.Line();
            writer.Line($"public static float LeakySlope => {Literals.Float(dense.LeakySlope)};");
        }
    }

    /// <summary>
    /// The forward product, with ReLU or LeakyReLU applied as it stores (the activation is never folded into a loss, so
    /// it always applies); other activations run over the output afterwards. A frozen network runs the same product,
    /// term for term, reading W's panels where it packed them instead of copying them on every call.
    /// </summary>
    private static void EmitForward(SourceWriter writer, DenseSpec dense, ForwardIo io)
    {
        string bias = dense.UseBias ? Parameters(dense.BiasOffset, dense.OutputSize) : "default";
        writer.Line(io.Frozen
            ? $"{Kernels(dense)}.ForwardFrozen({io.Input}, {Weights(dense)}, {Packed(dense.WeightOffset, WeightCount(dense))}, {bias}, {io.Output}, {io.Rows});"
            : $"{Kernels(dense)}.Forward({io.Input}, {Weights(dense)}, {bias}, {io.Output}, {io.Rows}, {io.Threads});");
        if (io.ApplyActivation && !CanFuse(dense.Activation))
        {
            ActivationEmitter.Forward(writer, dense.Activation, dense.LeakySlope, io.Output, dense.OutputSize);
        }
    }

    /// <summary>
    /// Element-wise activations that cost one instruction per vector, with results bit-identical to the runtime's
    /// in-place kernels, are applied in the kernel's store rather than in a second pass over the output.
    /// </summary>
    private static bool CanFuse(ActivationKind activation) => activation is ActivationKind.ReLU or ActivationKind.LeakyReLU;

    private static string Kernels(DenseSpec dense) => $"{Literals.Kernels}.DenseKernels<{DenseSpec.ShapeName(dense.Index)}>";

    private static int WeightCount(DenseSpec dense) => dense.InputSize * dense.OutputSize;

    private static string Weights(DenseSpec dense) => Parameters(dense.WeightOffset, WeightCount(dense));
}
