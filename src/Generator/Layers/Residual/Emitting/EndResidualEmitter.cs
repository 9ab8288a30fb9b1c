using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// A residual block's sum, <c>y = activation(f(x) + shortcut(x))</c>. The body's output is the layer's input and the
/// block's input comes as <see cref="ForwardIo.Shortcut"/>; a projection shortcut is its own layer's code (a 1 × 1
/// convolution's or a dense layer's emitter, at this layer's index), writing into the output before the body is added.
/// Backward, the gradient of the sum goes to the body unchanged and to the shortcut, whose gradient of the block's
/// input waits in <c>ShortcutDelta{open}</c> for the block's opening.
/// </summary>
internal sealed class EndResidualEmitter : LayerEmitter
{
    public static readonly EndResidualEmitter Instance = new();

    public override string Describe(LayerSpec layer)
    {
        var end = (EndResidualSpec)layer;
        string shortcut = end.Projection switch
        {
            Conv2DSpec conv => $"a 1 × 1 projection of layer {end.OpenIndex}'s {end.BlockInput}" + (conv.Geometry.Stride == 1 ? string.Empty : $" at stride {conv.Geometry.Stride}"),
            null => $"layer {end.OpenIndex}'s input",
            _ => $"a linear projection of layer {end.OpenIndex}'s {end.BlockInput.Size} features",
        };
        string parameters = end.ParameterCount > 0 ? $"; {Literals.Count(end.ParameterCount, "parameter")}" : string.Empty;
        return $"EndResidual {end.OutputShape} = {ActivationEmitter.Describe(end.Activation, end.LeakySlope)}(body + {shortcut}){parameters}";
    }

    public override string Info(LayerSpec layer)
    {
        var end = (EndResidualSpec)layer;
        return $"new global::Neuroslyn.EndResidualLayerInfo({end.Index}, \"{end.BlockName}\", {end.OpenIndex}, {Literals.Shape(end.OutputShape)}, "
            + $"{Literals.Shape(end.BlockInput)}, {end.ProjectionStride}, {Activation(end.Activation)}, {Literals.Float(end.LeakySlope)})";
    }

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
        if (((EndResidualSpec)layer).Projection is { } projection)
        {
            projection.Emitter.EmitInitialization(writer, projection);
        }
    }

    public override IEnumerable<TrainingBuffer> TrainingBuffers(LayerSpec layer)
    {
        var end = (EndResidualSpec)layer;
        IEnumerable<TrainingBuffer> projection = end.Projection is { } p ? p.Emitter.TrainingBuffers(p) : [];
        return projection.Append(new TrainingBuffer(
            ResidualEmitter.ShortcutDeltaName(end.OpenIndex), end.BlockInput.Size, 0, $"the gradient of block {end.OpenIndex}'s input along its shortcut"));
    }

    public override int InferenceScratch(LayerSpec layer)
        => ((EndResidualSpec)layer).Projection is { } projection ? projection.Emitter.InferenceScratch(projection) : 0;

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io)
    {
        var end = (EndResidualSpec)layer;
        if (end.Projection is { } projection)
        {
            projection.Emitter.EmitTrainingForward(writer, projection, io with { Input = io.Shortcut!, ApplyActivation = false });
        }

        EmitSum(writer, end, io);
    }

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch)
    {
        var end = (EndResidualSpec)layer;
        if (end.Projection is { } projection)
        {
            projection.Emitter.EmitInferenceForward(writer, projection, io with { Input = io.Shortcut!, ApplyActivation = false }, scratch);
        }

        EmitSum(writer, end, io);
    }

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        var end = (EndResidualSpec)layer;
        if (io.ApplyActivation)
        {
            ActivationEmitter.Backward(writer, end.Activation, end.LeakySlope, io.Output, io.Delta, end.OutputSize);
        }

        string shortcutDelta = $"Head(t.{ResidualEmitter.ShortcutDeltaName(end.OpenIndex)}, {io.Rows} * {end.BlockInput.Size})";
        if (end.Projection is { } projection)
        {
            writer.Line($"{io.Delta}.CopyTo({io.InputDelta});");
            projection.Emitter.EmitBackward(writer, projection, io with { Input = io.Shortcut!, InputDelta = shortcutDelta, ApplyActivation = false });
        }
        else
        {
            writer.Line($"{Literals.Kernels}.ResidualKernels.Split({io.Delta}, {io.InputDelta}, {shortcutDelta});");
        }
    }

    public override void EmitFreeze(SourceWriter writer, LayerSpec layer)
    {
        if (((EndResidualSpec)layer).Projection is { } projection)
        {
            projection.Emitter.EmitFreeze(writer, projection);
        }
    }

    public override void EmitKernels(SourceWriter writer, LayerSpec layer)
    {
        if (((EndResidualSpec)layer).Projection is { } projection)
        {
            projection.Emitter.EmitKernels(writer, projection);
        }
    }

    /// <summary>The sum (into the output, which a projection has already written) and the activation.</summary>
    private static void EmitSum(SourceWriter writer, EndResidualSpec end, ForwardIo io)
    {
        string shortcut = end.Projection is null ? io.Shortcut! : io.Output;
        writer.Line($"{Literals.Kernels}.ResidualKernels.Add({io.Input}, {shortcut}, {io.Output});");
        if (io.ApplyActivation)
        {
            ActivationEmitter.Forward(writer, end.Activation, end.LeakySlope, io.Output, end.OutputSize);
        }
    }
}
