using System;
using System.Linq;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>A copy of everything a weight file can change in a network, to show that a load did or did not change it.</summary>
internal sealed record NetworkState(float[] Parameters, float[] Buffers, long[] BatchesTracked, float[][] Optimizer, long Step)
{
    public static NetworkState Of(ITrainingState network) => new(
        network.Parameters.ToArray(),
        network.Buffers.ToArray(),
        network.BatchesTracked.ToArray(),
        Enumerable.Range(0, network.OptimizerStateNames.Count).Select(i => network.GetOptimizerState(i).ToArray()).ToArray(),
        network.StepCount);

    /// <summary>Bit-for-bit equality: a failed load must leave even NaN payloads and signed zeros as they were.</summary>
    public void AssertSame(NetworkState other)
    {
        Assert.True(Bits(Parameters).SequenceEqual(Bits(other.Parameters)), "The parameters changed.");
        Assert.True(Bits(Buffers).SequenceEqual(Bits(other.Buffers)), "The BatchNorm statistics changed.");
        Assert.Equal(BatchesTracked, other.BatchesTracked);
        Assert.Equal(Optimizer.Length, other.Optimizer.Length);
        for (int i = 0; i < Optimizer.Length; i++)
        {
            Assert.True(Bits(Optimizer[i]).SequenceEqual(Bits(other.Optimizer[i])), $"Optimizer state {i} changed.");
        }

        Assert.Equal(Step, other.Step);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
