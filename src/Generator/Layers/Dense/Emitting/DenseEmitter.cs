using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// Dense layers. The weights are stored input-major (W[in, out]), so that the forward pass streams rows of W
/// against broadcast inputs (the "axpy" form), and the three products of a layer share one kernel shape:
/// y = x·W + b, ∂W = xᵀ·δ and ∂x = δ·Wᵀ (with Wᵀ refreshed from W before each backward pass).
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

        writer.Line($"{Name(dense, "WeightGradient")}({io.Input}, {io.Delta}, {Gradients(dense.WeightOffset, dense.InputSize * dense.OutputSize)}, {io.Rows}, {io.Threads});");
        if (dense.UseBias)
        {
            writer.Line($"{Literals.Kernels}.MatrixKernels.ColumnSums({io.Delta}, {io.Rows}, {dense.OutputSize}, {Gradients(dense.BiasOffset, dense.OutputSize)});");
        }

        if (io.InputDelta is not null)
        {
            writer.Line($"{Name(dense, "InputGradient")}({io.Delta}, {Weights(dense)}, {io.InputDelta}, {io.Rows}, {io.Threads});");
        }
    }

    public override void EmitFreeze(SourceWriter writer, LayerSpec layer)
    {
        var dense = (DenseSpec)layer;
        writer.Line($"{Forward(dense).PackMethod}({Weights(dense)}, {Packed(dense.WeightOffset, dense.InputSize * dense.OutputSize)});");
    }

    public override void EmitKernels(SourceWriter writer, LayerSpec layer)
    {
        bool first = true;
        foreach (MatMulKernel kernel in Kernels((DenseSpec)layer))
        {
            if (!first)
            {
                writer.Line();
            }

            MatMulEmitter.Emit(writer, kernel);
            first = false;
        }
    }

    /// <summary>The layer's three products.</summary>
    private static IEnumerable<MatMulKernel> Kernels(DenseSpec dense)
    {
        int inputs = dense.InputSize, outputs = dense.OutputSize;
        yield return Forward(dense);
        yield return new MatMulKernel(
            Name(dense, "WeightGradient"),
            $"Layer {dense.Index} weight gradient: ∂W[{inputs}, {outputs}] = xᵀ[{inputs}, n]·δ[n, {outputs}].",
            Rows: inputs, Depth: null, Columns: outputs, ARowStride: 1, ADepthStride: inputs, HasBias: false);
        if (HasInputGradient(dense))
        {
            yield return new MatMulKernel(
                Name(dense, "InputGradient"),
                $"Layer {dense.Index} input gradient: ∂x[n, {inputs}] = δ[n, {outputs}]·Wᵀ[{outputs}, {inputs}].",
                Rows: null, Depth: outputs, Columns: inputs, ARowStride: outputs, ADepthStride: 1, HasBias: false, TransposedB: true);
        }
    }

    /// <summary>
    /// The forward product. It applies ReLU or LeakyReLU as it stores (the activation is never folded into a loss, so
    /// it always applies); other activations run over the output afterwards. A frozen network runs the same product,
    /// term for term, reading W's panels where it packed them instead of copying them on every call.
    /// </summary>
    private static MatMulKernel Forward(DenseSpec dense)
    {
        int inputs = dense.InputSize, outputs = dense.OutputSize;
        string bias = dense.UseBias ? " + b" : string.Empty;
        bool fused = MatMulKernel.CanFuse(dense.Activation);
        string activation = fused ? $", then {ActivationEmitter.Describe(dense.Activation, dense.LeakySlope)}" : string.Empty;
        return new MatMulKernel(
            Name(dense, "Forward"),
            $"Layer {dense.Index} forward: y[n, {outputs}] = x[n, {inputs}]·W[{inputs}, {outputs}]{bias}{activation}.",
            Rows: null, Depth: inputs, Columns: outputs, ARowStride: inputs, ADepthStride: 1, HasBias: dense.UseBias, Freezable: true,
            Activation: fused ? dense.Activation : ActivationKind.Linear, LeakySlope: dense.LeakySlope);
    }

    private static void EmitForward(SourceWriter writer, DenseSpec dense, ForwardIo io)
    {
        string bias = dense.UseBias ? Parameters(dense.BiasOffset, dense.OutputSize) + ", " : string.Empty;
        writer.Line(io.Frozen
            ? $"{Forward(dense).FrozenEntry}({io.Input}, {Weights(dense)}, {Packed(dense.WeightOffset, dense.InputSize * dense.OutputSize)}, {bias}{io.Output}, {io.Rows});"
            : $"{Name(dense, "Forward")}({io.Input}, {Weights(dense)}, {bias}{io.Output}, {io.Rows}, {io.Threads});");
        if (io.ApplyActivation && !MatMulKernel.CanFuse(dense.Activation))
        {
            ActivationEmitter.Forward(writer, dense.Activation, dense.LeakySlope, io.Output, dense.OutputSize);
        }
    }

    /// <summary>The first layer needs no gradient with respect to its input: that would be the data's.</summary>
    private static bool HasInputGradient(LayerSpec layer) => layer.Index > 0;

    private static string Weights(DenseSpec dense) => Parameters(dense.WeightOffset, dense.InputSize * dense.OutputSize);

    private static string Name(LayerSpec layer, string role) => $"Dense{layer.Index}{role}";
}
