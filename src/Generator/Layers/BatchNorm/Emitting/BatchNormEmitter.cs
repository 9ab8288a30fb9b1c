using System.Collections.Generic;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// Batch normalization (PyTorch <c>BatchNorm1d</c>) followed by an optional activation: batch statistics and a
/// running-statistics update in training, running statistics in inference.
/// </summary>
internal sealed class BatchNormEmitter : LayerEmitter
{
    public static readonly BatchNormEmitter Instance = new();

    public override string Describe(LayerSpec layer)
    {
        var norm = (BatchNormSpec)layer;
        string over = norm.Positions == 1 ? Literals.Count(norm.Size, "feature") : $"{Literals.Count(norm.Size, "channel")} of {norm.Shape} (BatchNorm2d)";
        return $"BatchNorm  {over}, {ActivationEmitter.Describe(norm.Activation, norm.LeakySlope)}, momentum {Literals.Shortest(norm.Momentum)}, eps {Literals.Shortest(norm.Epsilon)}; {Literals.Count(norm.ParameterCount, "parameter")}";
    }


    public override string Info(LayerSpec layer)
    {
        var norm = (BatchNormSpec)layer;
        return $"new global::Neuroslyn.BatchNormLayerInfo({norm.Index}, \"{norm.Name}\", {norm.Size}, {Activation(norm.Activation)}, {Literals.Float(norm.LeakySlope)}, {Literals.Float(norm.Momentum)}, {Literals.Float(norm.Epsilon)}{(norm.Positions == 1 ? string.Empty : ", " + Literals.Shape(norm.Shape))})";
    }

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
        var norm = (BatchNormSpec)layer;
        writer.Line($"{Scale(norm)}.Fill(1f);");
        writer.Line($"{Buffers(norm.VarianceOffset, norm.Size)}.Fill(1f);");
    }

    public override IEnumerable<TrainingBuffer> TrainingBuffers(LayerSpec layer)
    {
        yield return new TrainingBuffer(Name("Normalized", layer), layer.OutputSize, 0, "x̂, the normalised input");
        int size = ((BatchNormSpec)layer).Size;
        yield return new TrainingBuffer(Name("InverseStd", layer), 0, size, "1 / sqrt(batch variance + eps)");
        yield return new TrainingBuffer(Name("Mean", layer), 0, size, "the batch mean; scratch in the backward pass");
    }

    public override int InferenceScratch(LayerSpec layer) => 2 * ((BatchNormSpec)layer).Size;

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io)
    {
        var norm = (BatchNormSpec)layer;
        int size = norm.Size;
        string rows = Rows(norm, io.Rows);
        writer.Line($"{Literals.Kernels}.BatchNormKernels.TrainingForward(");
        writer.Line($"    {io.Input}, {rows}, {size}, {Scale(norm)}, {Shift(norm)},");
        writer.Line($"    {Buffers(norm.MeanOffset, size)}, {Buffers(norm.VarianceOffset, size)}, {Literals.Float(norm.Momentum)}, {Literals.Float(norm.Epsilon)},");
        writer.Line($"    t.{Name("Mean", norm)}, t.{Name("InverseStd", norm)}, Head(t.{Name("Normalized", norm)}, {io.Rows} * {norm.OutputSize}), {io.Output});");
        writer.Line($"_batchesTracked[{norm.CounterIndex}]++;");
        if (io.ApplyActivation)
        {
            ActivationEmitter.Forward(writer, norm.Activation, norm.LeakySlope, io.Output, norm.OutputSize);
        }
    }

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch)
    {
        var norm = (BatchNormSpec)layer;
        int size = norm.Size;
        string rows = Rows(norm, io.Rows);
        writer.Line($"{Literals.Kernels}.BatchNormKernels.InferenceForward(");
        writer.Line($"    {io.Input}, {rows}, {size}, {Scale(norm)}, {Shift(norm)},");
        writer.Line($"    {Buffers(norm.MeanOffset, size)}, {Buffers(norm.VarianceOffset, size)}, {Literals.Float(norm.Epsilon)},");
        writer.Line($"    {scratch}.Slice(0, {size}), {scratch}.Slice({size}, {size}), {io.Output});");
        if (io.ApplyActivation)
        {
            ActivationEmitter.Forward(writer, norm.Activation, norm.LeakySlope, io.Output, norm.OutputSize);
        }
    }

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        var norm = (BatchNormSpec)layer;
        int size = norm.Size;
        string rows = Rows(norm, io.Rows);
        if (io.ApplyActivation)
        {
            ActivationEmitter.Backward(writer, norm.Activation, norm.LeakySlope, io.Output, io.Delta, norm.OutputSize);
        }

        string inputDelta = io.InputDelta ?? "default";
        writer.Line($"{Literals.Kernels}.BatchNormKernels.Backward(");
        writer.Line($"    {io.Delta}, Head(t.{Name("Normalized", norm)}, {io.Rows} * {norm.OutputSize}), t.{Name("InverseStd", norm)}, {Scale(norm)}, {rows}, {size},");
        writer.Line($"    {Gradients(norm.ScaleOffset, size)}, {Gradients(norm.ShiftOffset, size)}, t.{Name("Mean", norm)}, {inputDelta});");
    }

    private static string Scale(BatchNormSpec norm) => Parameters(norm.ScaleOffset, norm.Size);

    private static string Shift(BatchNormSpec norm) => Parameters(norm.ShiftOffset, norm.Size);

    /// <summary>Rows of the kernels' [rows, features] view: over an image (channels-last), every pixel of the batch is one.</summary>
    private static string Rows(BatchNormSpec norm, string rows) => norm.Positions == 1 ? rows : $"{rows} * {norm.Positions}";

    private static string Name(string role, LayerSpec layer) => $"{role}{layer.Index}";
}
