using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// One SIMD width the emitted kernels are specialised for. The JIT treats <c>IsHardwareAccelerated</c> as a
/// constant, so only the widest supported variant survives in machine code.
/// </summary>
internal sealed record VectorWidth(string Suffix, string? Api, int Lanes)
{
    public static readonly VectorWidth V512 = new("Vector512", "global::System.Runtime.Intrinsics.Vector512", 16);
    public static readonly VectorWidth V256 = new("Vector256", "global::System.Runtime.Intrinsics.Vector256", 8);
    public static readonly VectorWidth V128 = new("Vector128", "global::System.Runtime.Intrinsics.Vector128", 4);
    public static readonly VectorWidth Scalar = new("Scalar", null, 1);

    /// <summary>Widest first: the order of the dispatch.</summary>
    public static readonly VectorWidth[] All = [V512, V256, V128, Scalar];

    public bool IsScalar => Api is null;

    public string Zero => IsScalar ? "0f" : $"{Api}<float>.Zero";

    public string Load(string reference, string index)
        => IsScalar ? $"{Literals.Unsafe}.Add(ref {reference}, {index})" : $"{Api}.LoadUnsafe(ref {reference}, {index})";

    public string Broadcast(string scalar) => IsScalar ? scalar : $"{Api}.Create({scalar})";

    public string MultiplyAdd(string a, string b, string accumulator)
        => IsScalar ? $"{accumulator} + ({a} * {b})" : $"{Api}.MultiplyAddEstimate({a}, {b}, {accumulator})";

    public string Store(string value, string reference, string index)
        => IsScalar ? $"{Literals.Unsafe}.Add(ref {reference}, {index}) = {value};" : $"{Api}.StoreUnsafe({value}, ref {reference}, {index});";

    /// <summary>
    /// <paramref name="value"/> through a fused activation (see <see cref="MatMulKernel.CanFuse"/>), with the same
    /// arithmetic as the runtime's in-place kernels: IEEE maximum for ReLU (NaN passes through, as in
    /// TensorPrimitives.Max), <c>v &gt; 0 ? v : v·slope</c> for LeakyReLU.
    /// </summary>
    public string Activate(string value, ActivationKind activation, float slope) => activation switch
    {
        ActivationKind.ReLU => IsScalar ? $"global::System.MathF.Max({value}, 0f)" : $"{Api}.Max({value}, {Zero})",
        ActivationKind.LeakyReLU => IsScalar
            ? $"({value} > 0f ? {value} : {value} * {Literals.Float(slope)})"
            : $"{Api}.ConditionalSelect({Api}.GreaterThan({value}, {Zero}), {value}, {value} * {Api}.Create({Literals.Float(slope)}))",
        _ => value,
    };
}
