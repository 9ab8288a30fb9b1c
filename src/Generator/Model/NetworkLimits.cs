namespace Neuroslyn.Generator.Model;

/// <summary>
/// The largest network the generator compiles. Within these limits every size, offset and constant of the emitted
/// code fits an <c>int</c>; the parser reports a declaration that exceeds them instead of generating code that
/// overflows.
/// </summary>
internal static class NetworkLimits
{
    /// <summary>
    /// Features per sample: the network's inputs and each layer's outputs. The inference scratch holds
    /// 2 × 32 rows of the widest layer, so this keeps it far below the longest array.
    /// </summary>
    public const int MaxWidth = 1_000_000;

    /// <summary>
    /// Layers per network. Each layer adds its own generated code, so the compiler's time and memory grow with the
    /// count; the parser refuses more before anything is emitted. Measured on 2026-12-04 (Dense and BatchNorm layers, one
    /// shared 2-core machine): about 3 KB of C#, 19 ms of compilation and 0.65 MB of compiler allocations per layer,
    /// so 512 layers build in about 15 s (issue 22 measured 500 layers at 107 MB of C#, 217 s and 6.7 GB with the
    /// per-layer products the emitter once wrote). Deeper than any plain stack of these kinds trains.
    /// </summary>
    public const int MaxLayers = 512;

    /// <summary>
    /// The longest array .NET allocates (<c>Array.MaxLength</c>), and so the most parameters a network holds: they
    /// live in one <c>float[]</c>, as do their gradients and the optimizer's state.
    /// </summary>
    public const int MaxArrayLength = 0x7FFFFFC7;
}
