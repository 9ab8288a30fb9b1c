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
    /// count (measured before the kernels moved to the runtime: 500 layers, 107 MB of C# and 6.7 GB of compiler memory);
    /// the parser refuses more before anything is emitted. Far above the deepest network a sequence of these kinds
    /// makes sense for.
    /// </summary>
    public const int MaxLayers = 128;

    /// <summary>
    /// The longest array .NET allocates (<c>Array.MaxLength</c>), and so the most parameters a network holds: they
    /// live in one <c>float[]</c>, as do their gradients and the optimizer's state.
    /// </summary>
    public const int MaxArrayLength = 0x7FFFFFC7;
}
