using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Max and average pooling: the runtime's <c>PoolKernels</c> over channels-last images, no state of their own.</summary>
internal sealed class Pool2DEmitter : LayerEmitter
{
    public static readonly Pool2DEmitter Instance = new();

    public override string Describe(LayerSpec layer)
    {
        var pool = (Pool2DSpec)layer;
        string padding = pool.Padding == 0 ? string.Empty : $", padding {pool.Padding}";
        return $"{pool.Kind.ShortName,-10} {pool.InputShape} -> {pool.OutputShape}, window {pool.Pool}, stride {pool.Stride}{padding}";
    }

    public override string Info(LayerSpec layer)
    {
        var pool = (Pool2DSpec)layer;
        return $"new global::Neuroslyn.Pool2DLayerInfo({pool.Index}, \"{pool.ModulePath}\", {Literals.Shape(pool.InputShape)}, {Literals.Shape(pool.OutputShape)}, {(pool.IsMax ? "true" : "false")}, {pool.Pool}, {pool.Stride}, {pool.Padding})";
    }

    public override void EmitInitialization(SourceWriter writer, LayerSpec layer)
    {
    }

    public override void EmitTrainingForward(SourceWriter writer, LayerSpec layer, ForwardIo io) => EmitForward(writer, (Pool2DSpec)layer, io);

    public override void EmitInferenceForward(SourceWriter writer, LayerSpec layer, ForwardIo io, string scratch) => EmitForward(writer, (Pool2DSpec)layer, io);

    public override void EmitBackward(SourceWriter writer, LayerSpec layer, BackwardIo io)
    {
        var pool = (Pool2DSpec)layer;
        if (io.InputDelta is null)
        {
            return;
        }

        writer.Line(pool.IsMax
            ? $"{Kernels}.MaxBackward({io.Input}, {io.Output}, {io.Delta}, {io.InputDelta}, {io.Rows}, {Geometry(pool)}{Threads(io.Threads)});"
            : $"{Kernels}.AverageBackward({io.Delta}, {io.InputDelta}, {io.Rows}, {Geometry(pool)});");
    }

    /// <summary>Max pooling shares its samples among the training threads (inference passes "1" and gets the plain call).</summary>
    private static void EmitForward(SourceWriter writer, Pool2DSpec pool, ForwardIo io)
        => writer.Line(pool.IsMax
            ? $"{Kernels}.MaxForward({io.Input}, {io.Output}, {io.Rows}, {Geometry(pool)}{Threads(io.Threads)});"
            : $"{Kernels}.AverageForward({io.Input}, {io.Output}, {io.Rows}, {Geometry(pool)});");

    private static string Threads(string threads) => threads == "1" ? string.Empty : $", {threads}";

    private static string Kernels => $"{Literals.Kernels}.PoolKernels";

    private static string Geometry(Pool2DSpec pool)
        => $"new {Literals.Kernels}.PoolGeometry({pool.InputShape.Channels}, {pool.InputShape.Height}, {pool.InputShape.Width}, {pool.Pool}, {pool.Stride}, {pool.Padding})";
}
