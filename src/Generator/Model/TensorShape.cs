using System.Linq;
using Neuroslyn.Generator.Helpers;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// The shape of one sample's values, the batch left out: <c>[features]</c>; <c>[channels, height, width]</c> (PyTorch's
/// NCHW order without the N, whatever order a kernel keeps inside); <c>[time steps, features]</c>. Resolved by the
/// parser for every layer's input and output, so that no later stage infers one.
/// </summary>
internal sealed record TensorShape(EquatableArray<int> Dimensions)
{
    /// <summary>A flat vector of <paramref name="features"/> values.</summary>
    public static TensorShape Features(int features) => new(new[] { features }.ToEquatableArray());

    /// <summary>The number of values: the product of the dimensions.</summary>
    public int Size => Dimensions.Aggregate(1, (product, dimension) => product * dimension);

    public int Rank => Dimensions.Count;

    /// <summary>True for a flat vector of features.</summary>
    public bool IsFlat => Rank == 1;

    /// <summary>"784" or "1 × 28 × 28", as messages and the generated header write a shape.</summary>
    public override string ToString() => string.Join(" × ", Dimensions.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
