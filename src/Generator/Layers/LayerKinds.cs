using System.Collections.Generic;
using System.Linq;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// The registry: every layer kind the generator compiles, one line each. An attribute whose class is not listed here
/// is not a layer attribute; a kind listed here without an emitter does not compile (its spec must override
/// <c>LayerSpec.Emitter</c>). See Layers/README.md for the checklist of a new kind.
/// </summary>
internal static class LayerKinds
{
    public static readonly IReadOnlyList<LayerKind> All =
    [
        DenseKind.Instance,
        DropoutKind.Instance,
        BatchNormKind.Instance,
        Conv2DKind.Instance,
        MaxPool2DKind.Instance,
        AvgPool2DKind.Instance,
        GlobalAvgPool2DKind.Instance,
        FlattenKind.Instance,
        ResidualKind.Instance,
        EndResidualKind.Instance,
    ];

    /// <summary>The kind whose attribute class is <paramref name="attributeName"/> (<c>DenseAttribute</c>), or null.</summary>
    public static LayerKind? ForAttribute(string attributeName) => All.FirstOrDefault(kind => kind.AttributeName == attributeName);

    /// <summary>
    /// The kind an attribute's name in source stands for: <c>Dense</c>, <c>DenseAttribute</c>, <c>Neuroslyn.Dense</c>,
    /// or null (for code fixes, which see syntax).
    /// </summary>
    public static LayerKind? ForSyntaxName(string name)
    {
        string simple = name.Substring(name.LastIndexOf('.') + 1);
        return All.FirstOrDefault(kind => kind.AttributeName == simple || kind.ShortName == simple);
    }
}
