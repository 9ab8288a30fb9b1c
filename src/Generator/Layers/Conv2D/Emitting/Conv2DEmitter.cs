using System.Collections.Generic;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// Convolutions. The runtime's <c>Conv2DKernels&lt;TShape&gt;</c> compute them over channels-last images, as the dense
/// kernels' products of each output pixel's patch with W (or pixel by pixel for groups); the layer contributes a shape
/// struct with its geometry, and its training pass keeps the batch's patches for the weight gradient.
/// </summary>
internal sealed class Conv2DEmitter : LayerEmitter
{
    public static readonly Conv2DEmitter Instance = new();

    public override string Describe(LayerSpec layer)
    {
        var conv = (Conv2DSpec)layer;
        ConvGeometry g = conv.Geometry;
        var options = new List<string> { $"kernel {g.Kernel}" };
        if (g.Stride != 1) options.Add($"stride {g.Stride}");
        if (g.PadTop != 0 || g.PadLeft != 0 || g.PadBottom != 0 || g.PadRight != 0)
        {
            options.Add(g.PadTop == g.PadBottom && g.PadLeft == g.PadRight && g.PadTop == g.PadLeft
                ? $"padding {g.PadTop}"
                : $"padding {g.PadTop}/{g.PadLeft}/{g.PadBottom}/{g.PadRight} (top/left/bottom/right)");
        }

        if (g.Dilation != 1) options.Add($"dilation {g.Dilation}");
        if (g.Groups != 1) options.Add($"{g.Groups} groups");
        string bias = conv.UseBias ? string.Empty : ", no bias";
        return $"Conv2D     {conv.InputShape} -> {conv.OutputShape}, {string.Join(", ", options)}, {ActivationEmitter.Describe(conv.Activation, conv.LeakySlope)}, {conv.Initializer} weights{bias}; {Literals.Count(conv.ParameterCount, "parameter")}";
    }

    public override string Info(LayerSpec layer)
    {
        var conv = (Conv2DSpec)layer;
        ConvGeometry g = conv.Geometry;
        return $"new global::Neuroslyn.Conv2DLayerInfo({conv.Index}, \"{conv.Name}\", {Literals.Shape(conv.InputShape)}, {Literals.Shape(conv.OutputShape)}, "
            + $"{g.Kernel}, {g.Stride}, {g.Dilation}, {g.Groups}, new int[] {{ {g.PadTop}, {g.PadLeft}, {g.PadBottom}, {g.PadRight} }}, "
            + $"{Activation(conv.Activation)}, {Literals.Float(conv.LeakySlope)}, {(conv.UseBias ? "true" : "false")})";
    }

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
        var conv = (Conv2DSpec)layer;
        WeightFacts facts = conv.Weights!;
        writer.Line($"{Literals.Kernels}.WeightInitializer.Fill({Weights(conv)}, {Literals.Initializer(conv.Initializer)}, {facts.FanIn}, {facts.FanOut}, ref random);");
    }

    public override IEnumerable<TrainingBuffer> TrainingBuffers(LayerSpec layer)
    {
        var conv = (Conv2DSpec)layer;
        if (conv.PatchesPerSample > 0)
        {
            yield return new TrainingBuffer(PatchesName(conv), conv.PatchesPerSample, 0, "every output pixel's patch, for the weight gradient; then the patches' gradients");
        }
    }

    public override int InferenceScratch(LayerSpec layer) => ((Conv2DSpec)layer).PatchesPerSample;

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io)
    {
        var conv = (Conv2DSpec)layer;
        writer.Line($"{Kernels(conv)}.Forward({io.Input}, {Weights(conv)}, {Bias(conv)}, {io.Output}, {TrainingPatches(conv, io.Rows)}, {io.Rows}, {io.Threads});");
        ApplyUnfusedActivation(writer, conv, io);
    }

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch)
    {
        var conv = (Conv2DSpec)layer;
        string patches = conv.PatchesPerSample > 0 ? $"{scratch}.Slice(0, {conv.PatchesPerSample})" : "default";
        writer.Line(io.Frozen
            ? $"{Kernels(conv)}.ForwardFrozen({io.Input}, {Weights(conv)}, {Packed(conv.WeightOffset, conv.WeightCount)}, {Bias(conv)}, {io.Output}, {patches}, {io.Rows});"
            : $"{Kernels(conv)}.Forward({io.Input}, {Weights(conv)}, {Bias(conv)}, {io.Output}, {patches}, {io.Rows}, 1);");
        ApplyUnfusedActivation(writer, conv, io);
    }

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        var conv = (Conv2DSpec)layer;
        if (io.ApplyActivation)
        {
            ActivationEmitter.Backward(writer, conv.Activation, conv.LeakySlope, io.Output, io.Delta, conv.OutputSize);
        }

        string patches = TrainingPatches(conv, io.Rows);
        writer.Line($"{Kernels(conv)}.WeightGradient({io.Input}, {patches}, {io.Delta}, {Gradients(conv.WeightOffset, conv.WeightCount)}, {io.Rows}, {io.Threads});");
        if (conv.UseBias)
        {
            writer.Line($"{Literals.Kernels}.MatrixKernels.ColumnSums({io.Delta}, {io.Rows} * {conv.OutputShape.Positions}, {conv.Filters}, {Gradients(conv.BiasOffset, conv.Filters)});");
        }

        if (io.InputDelta is not null)
        {
            writer.Line($"{Kernels(conv)}.InputGradient({io.Delta}, {Weights(conv)}, {patches}, {io.InputDelta}, {io.Rows}, {io.Threads});");
        }
    }

    public override void EmitFreeze(SourceWriter writer, LayerSpec layer)
    {
        var conv = (Conv2DSpec)layer;
        if (conv.Geometry.Groups == 1)
        {
            writer.Line($"{Kernels(conv)}.Pack({Weights(conv)}, {Packed(conv.WeightOffset, conv.WeightCount)});");
        }
    }

    /// <summary>The layer's shape struct: the geometry the runtime's kernels are specialised for.</summary>
    public override void EmitKernels(SourceWriter writer, LayerSpec layer)
    {
        var conv = (Conv2DSpec)layer;
        ConvGeometry g = conv.Geometry;
        bool fused = CanFuse(conv.Activation);
        writer.Line($"/// <summary>Layer {conv.Index}'s geometry for the runtime's convolution kernels: {conv.InputShape} -> {conv.OutputShape}, channels-last inside.</summary>");
        using (writer.Block($"private readonly struct {Conv2DSpec.ShapeName(conv.Index)} : {Literals.Kernels}.IConv2DShape"))
        {
            (string Name, string Value)[] members =
            [
                ("int InputChannels", Literals.Int(conv.InputShape.Channels)),
                ("int InputHeight", Literals.Int(conv.InputShape.Height)),
                ("int InputWidth", Literals.Int(conv.InputShape.Width)),
                ("int Filters", Literals.Int(conv.Filters)),
                ("int OutputHeight", Literals.Int(conv.OutputShape.Height)),
                ("int OutputWidth", Literals.Int(conv.OutputShape.Width)),
                ("int Kernel", Literals.Int(g.Kernel)),
                ("int Stride", Literals.Int(g.Stride)),
                ("int Dilation", Literals.Int(g.Dilation)),
                ("int PadTop", Literals.Int(g.PadTop)),
                ("int PadLeft", Literals.Int(g.PadLeft)),
                ("int Groups", Literals.Int(g.Groups)),
                ("bool HasBias", conv.UseBias ? "true" : "false"),
                ("global::Neuroslyn.Activation FusedActivation", Activation(fused ? conv.Activation : ActivationKind.Linear)),
                ("float LeakySlope", Literals.Float(conv.LeakySlope)),
            ];
            for (int i = 0; i < members.Length; i++)
            {
                if (i > 0) writer.Line();
                writer.Line($"public static {members[i].Name} => {members[i].Value};");
            }
        }
    }

    /// <summary>Activations other than ReLU and LeakyReLU run over the output after the kernel (those two are applied as it stores).</summary>
    private static void ApplyUnfusedActivation(SourceWriter writer, Conv2DSpec conv, ForwardIo io)
    {
        if (io.ApplyActivation && !CanFuse(conv.Activation))
        {
            ActivationEmitter.Forward(writer, conv.Activation, conv.LeakySlope, io.Output, conv.OutputSize);
        }
    }

    private static bool CanFuse(ActivationKind activation) => activation is ActivationKind.ReLU or ActivationKind.LeakyReLU;

    private static string TrainingPatches(Conv2DSpec conv, string rows)
        => conv.PatchesPerSample > 0 ? $"Head(t.{PatchesName(conv)}, {rows} * {conv.PatchesPerSample})" : "default";

    private static string PatchesName(Conv2DSpec conv) => $"Patches{conv.Index}";

    private static string Kernels(Conv2DSpec conv) => $"{Literals.Kernels}.Conv2DKernels<{Conv2DSpec.ShapeName(conv.Index)}>";

    private static string Weights(Conv2DSpec conv) => Parameters(conv.WeightOffset, conv.WeightCount);

    private static string Bias(Conv2DSpec conv) => conv.UseBias ? Parameters(conv.BiasOffset, conv.Filters) : "default";
}
