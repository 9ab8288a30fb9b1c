using System.Collections.Generic;

namespace Neuroslyn;

/// <summary>
/// How one sample's output of a layer lies in memory, seen as units repeated over positions: <see cref="Positions"/>
/// runs of <see cref="Units"/> values, the unit fastest. A vector is one position of features; an image
/// <c>[C, H, W]</c>, which the image kernels keep channels-last between layers, is H·W positions of C channels. The
/// training monitor counts dead ReLU units over this layout: a channel (a convolution's filter) is dead when it is never
/// above 0 at any position of any sample, whatever a single position (a pixel on the border) does.
/// </summary>
/// <param name="Units">Distinct units: the features of a vector, the channels of an image.</param>
/// <param name="Positions">Positions each unit is repeated at: 1 for a vector, height × width for an image.</param>
/// <param name="IsChannels">True when the units are an image's channels (the monitor's messages then say "channel").</param>
public readonly record struct UnitLayout(int Units, int Positions, bool IsChannels)
{
    /// <summary>Values per sample: <see cref="Units"/> × <see cref="Positions"/>.</summary>
    public int Size => Units * Positions;

    /// <summary>A vector of <paramref name="features"/> units at one position.</summary>
    public static UnitLayout Features(int features) => new(features, 1, false);

    /// <summary>An image of PyTorch shape <c>[channels, height, width]</c> kept channels-last: height × width positions of its channels.</summary>
    public static UnitLayout ChannelsLast(IReadOnlyList<int> shape) => new(shape[0], shape[1] * shape[2], true);
}
