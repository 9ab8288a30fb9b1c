using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Behaviour;

/// <summary>
/// Training on several threads gives bit for bit the result of one thread. Alone in its collection: the workers
/// serve one step at a time, and a step that finds them busy (another test class training in parallel) runs on
/// its own thread, which would make these tests pass without testing the split.
/// </summary>
[Collection(nameof(TrainingThreadsTests))]
[CollectionDefinition(nameof(TrainingThreadsTests), DisableParallelization = true)]
public sealed class TrainingThreadsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Two_or_three_threads_train_bit_for_bit_like_one(int threads)
    {
        // Dropout, ReLU fused into the products, Adam; 45 rows split into tiles of 6 with a leftover.
        float[] inputs = TestData.Normal(45 * 784, 21);
        int[] labels = TestData.Labels(45, 10, 22);
        float[] Train(int threadCount)
        {
            var network = new FashionTestNet(7) { TrainingThreads = threadCount };
            for (int step = 0; step < 3; step++)
            {
                network.TrainBatch(inputs, labels);
            }

            return network.Parameters.ToArray();
        }

        float[] single = Train(1), split = Train(threads);
        Assert.Equal(single.Select(BitConverter.SingleToInt32Bits), split.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Sgd_with_momentum_and_batch_norm_train_bit_for_bit_like_one_thread()
    {
        float[] inputs = TestData.Normal(64 * 5, 23);
        int[] labels = TestData.Labels(64, 4, 24);
        float[] Train(int threads)
        {
            var network = new LeakyBatchNormSgd { TrainingThreads = threads };
            for (int step = 0; step < 3; step++)
            {
                network.TrainBatch(inputs, labels);
            }

            return [.. network.Parameters.ToArray(), .. network.Buffers.ToArray()];
        }

        Assert.Equal(Train(1).Select(BitConverter.SingleToInt32Bits), Train(2).Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_convolutional_network_with_residual_blocks_trains_bit_for_bit_like_one_thread(int threads)
    {
        // Convolutions with and without patches, BatchNorm2d, pooling, both shortcuts, dropout on an image; 45 rows.
        float[] inputs = TestData.Normal(45 * ResidualCnnNet.InputSize, 25);
        int[] labels = TestData.Labels(45, 10, 26);
        float[] Train(int threadCount)
        {
            var network = new ResidualCnnNet { TrainingThreads = threadCount };
            for (int step = 0; step < 3; step++)
            {
                network.TrainBatch(inputs, labels);
            }

            return [.. network.Parameters.ToArray(), .. network.Buffers.ToArray()];
        }

        Assert.Equal(Train(1).Select(BitConverter.SingleToInt32Bits), Train(threads).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void A_split_product_runs_its_shares_on_different_threads()
    {
        var seen = new List<(int Thread, nuint Part, nuint Parts)>();
        var gate = new Lock();
        using var secondStarted = new ManualResetEventSlim();
        MatMulShare record = (ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts) =>
        {
            lock (gate)
            {
                seen.Add((Environment.CurrentManagedThreadId, part, parts));
            }

            // The caller's share waits for the worker's: a caller that finishes first takes an unstarted share back.
            if (part == 0)
            {
                Assert.True(secondStarted.Wait(TimeSpan.FromSeconds(10)), "The worker thread never started its share.");
            }
            else
            {
                secondStarted.Set();
            }
        };

        float[] a = new float[1], b = new float[1], c = new float[1];
        KernelThreads.MatMul(record, a, b, default, c, count: 1, threads: 2);

        Assert.Equal([((nuint)0, (nuint)2), ((nuint)1, (nuint)2)], seen.Select(share => (share.Part, share.Parts)).OrderBy(share => share.Item1));
        Assert.Equal(2, seen.Select(share => share.Thread).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(KernelThreads.MaxThreads + 1)]
    public void An_impossible_thread_count_is_refused_with_the_range(int threads)
    {
        var network = new FashionTestNet(7);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainingThreads = threads);
        Assert.Contains($"1 to {KernelThreads.MaxThreads}", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, network.TrainingThreads);
    }
}
