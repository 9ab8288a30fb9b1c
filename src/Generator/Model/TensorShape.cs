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

    /// <summary>An image of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> values.</summary>
    public static TensorShape Image(int channels, int height, int width) => new(new[] { channels, height, width }.ToEquatableArray());

    /// <summary>The number of values: the product of the dimensions.</summary>
    public int Size => Dimensions.Aggregate(1, (product, dimension) => product * dimension);

    public int Rank => Dimensions.Count;

    /// <summary>True for a flat vector of features.</summary>
    public bool IsFlat => Rank == 1;

    /// <summary>True for an image, <c>[channels, height, width]</c>.</summary>
    public bool IsImage => Rank == 3;

    /// <summary>An image's channels (its first dimension).</summary>
    public int Channels => Dimensions[0];

    /// <summary>An image's rows.</summary>
    public int Height => Dimensions[1];

    /// <summary>An image's columns.</summary>
    public int Width => Dimensions[2];

    /// <summary>An image's pixels: height × width.</summary>
    public int Positions => Height * Width;

    /// <summary>"784" or "1 × 28 × 28", as messages and the generated header write a shape.</summary>
    public override string ToString() => string.Join(" × ", Dimensions.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
