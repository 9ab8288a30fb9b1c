using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Behaviour;

/// <summary>
/// A frozen network (<c>Freeze()</c>) is the network as it was, for inference: the same outputs bit for bit, at every
/// batch size, whatever happens to the network afterwards. Its kernels read weight panels packed once, where the
/// network's copy them on every call; the variant tests check the kernels one by one, these the whole pass.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class FrozenNetworkTests
{
    /// <summary>Batch sizes: one row (the matrix-vector path), partial and whole row tiles, a 64-row block and more.</summary>
    private static readonly int[] Rows = [1, 5, 6, 64, 130];

    public static IEnumerable<object[]> Networks() =>
    [
        [typeof(FashionTestNet)],            // 784 wide, ReLU fused, dropout (the identity in inference)
        [typeof(WideTailNet)],               // columns that do not fill a panel, tanh and sigmoid after the product
        [typeof(WideInferenceNet)],          // softmax output, not folded into the loss
        [typeof(EveryActivationNet)],        // every activation, narrow layers
        [typeof(CrossEntropyFoldedSoftmaxNet)],
        [typeof(BatchNormNet)],              // running statistics in the buffers, a layer without bias
        [typeof(DeepBlockNet)],              // several depth blocks, 2060 columns
        [typeof(ConvBatchNormNet)],          // three channels transposed, BatchNorm2d, padded average pooling, dropout on an image
        [typeof(ConvGroupsNet)],             // grouped and depthwise convolutions (read unpacked) and a packed 1 × 1 one
        [typeof(ConvStridedSameNet)],        // same padding at stride 2, a fused LeakyReLU
        [typeof(ResidualProjectionNet)],     // an identity and a projection shortcut (the kept copy of the block's input)
        [typeof(ResidualDenseNet)],          // a linear projection of vectors
        [typeof(ResidualCnnNet)],            // blocks after pooling, more than one block of rows
        [typeof(ResidualIdentityNet)],       // a block at the input of a transposed multi-channel image
        [typeof(ResidualSingleChannelNet)],  // a block at the input of a single-channel image, a sigmoid output
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_frozen_network_predicts_what_the_network_predicts_bit_for_bit(Type type)
    {
        var network = (INetwork)Activator.CreateInstance(type)!;
        Randomise(network, seed: 11);
        IFrozenNetwork frozen = Freeze(network);
        int inputSize = frozen.InputSize, outputSize = frozen.OutputSize;

        foreach (int rows in Rows)
        {
            float[] inputs = TestData.Normal(rows * inputSize, rows);
            float[] expected = new float[rows * outputSize], actual = new float[rows * outputSize];
            network.PredictBatch(inputs, expected);
            frozen.PredictBatch(inputs, actual);
            AssertBitEqual(expected, actual, $"{network.GetType().Name}, {rows} rows");
        }

        float[] sample = TestData.Normal(inputSize, 3);
        float[] one = new float[outputSize], oneFrozen = new float[outputSize];
        network.Predict(sample, one);
        frozen.Predict(sample, oneFrozen);
        AssertBitEqual(one, oneFrozen, $"{network.GetType().Name}, Predict");
    }

    [Fact]
    public void Training_or_writing_the_network_after_freezing_does_not_change_the_frozen_copy()
    {
        var network = new BatchNormNet();
        Randomise(network, seed: 12);
        BatchNormNet.Frozen frozen = network.Freeze();
        float[] inputs = TestData.Normal(20 * BatchNormNet.InputSize, 13);
        float[] before = new float[20 * BatchNormNet.OutputSize];
        frozen.PredictBatch(inputs, before);

        network.TrainBatch(inputs, TestData.Labels(20, BatchNormNet.OutputSize, 14)); // moves weights and running statistics
        network.Parameters.Fill(0.5f);
        network.Buffers.Fill(2f);

        float[] after = new float[20 * BatchNormNet.OutputSize], changed = new float[20 * BatchNormNet.OutputSize];
        frozen.PredictBatch(inputs, after);
        network.PredictBatch(inputs, changed);
        AssertBitEqual(before, after, "the frozen copy after the network changed");
        Assert.NotEqual(before, changed);
    }

    [Fact]
    public void Many_threads_share_one_frozen_network_without_allocating()
    {
        var network = new FashionTestNet();
        FashionTestNet.Frozen frozen = network.Freeze();
        const int rows = 70;
        float[] inputs = TestData.Normal(rows * FashionTestNet.InputSize, 15);
        var expected = new float[rows * FashionTestNet.OutputSize];
        network.PredictBatch(inputs, expected);

        var results = new float[6][];
        var allocated = new long[results.Length];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, thread =>
        {
            var outputs = new float[rows * FashionTestNet.OutputSize];
            frozen.PredictBatch(inputs, outputs); // warms this thread's scratch
            frozen.Predict(inputs.AsSpan(0, FashionTestNet.InputSize), outputs);
            // Three rounds, the fewest bytes kept: an allocation per call shows in every round, while the runtime's own
            // one-off work on this thread while tiered compilation settles (seen once in CI, 5 KB with AVX2 disabled and
            // other tests running) shows in one at most.
            allocated[thread] = long.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                long start = GC.GetAllocatedBytesForCurrentThread();
                for (int repeat = 0; repeat < 10; repeat++)
                {
                    frozen.PredictBatch(inputs, outputs);
                    for (int row = 0; row < rows; row += 9)
                    {
                        frozen.Predict(inputs.AsSpan(row * FashionTestNet.InputSize, FashionTestNet.InputSize), outputs.AsSpan(row * FashionTestNet.OutputSize, FashionTestNet.OutputSize));
                    }
                }

                allocated[thread] = Math.Min(allocated[thread], GC.GetAllocatedBytesForCurrentThread() - start);
            }

            results[thread] = outputs;
        });

        foreach (float[] result in results)
        {
            AssertBitEqual(expected, result, "one of the threads");
        }

        Assert.All(allocated, bytes => Assert.Equal(0, bytes));
    }

    [Fact]
    public void A_frozen_network_refuses_wrong_sizes_as_the_network_does()
    {
        FashionTestNet.Frozen frozen = new FashionTestNet().Freeze();

        var batch = Assert.Throws<ArgumentException>(() => frozen.PredictBatch(new float[FashionTestNet.InputSize + 1], new float[10]));
        Assert.Contains("not a whole, non-zero number of samples of 784 features", batch.Message);
        var output = Assert.Throws<ArgumentException>(() => frozen.Predict(new float[FashionTestNet.InputSize], new float[9]));
        Assert.Contains("writes 10 outputs per sample", output.Message);
    }

    /// <summary>Through the interface, as generic code (the hosting predictor) freezes a network.</summary>
    private static IFrozenNetwork Freeze(INetwork network) => network switch
    {
        FashionTestNet n => Freeze(n),
        WideTailNet n => Freeze(n),
        WideInferenceNet n => Freeze(n),
        EveryActivationNet n => Freeze(n),
        CrossEntropyFoldedSoftmaxNet n => Freeze(n),
        BatchNormNet n => Freeze(n),
        DeepBlockNet n => Freeze(n),
        ConvBatchNormNet n => Freeze(n),
        ConvGroupsNet n => Freeze(n),
        ConvStridedSameNet n => Freeze(n),
        ResidualProjectionNet n => Freeze(n),
        ResidualDenseNet n => Freeze(n),
        ResidualCnnNet n => Freeze(n),
        ResidualIdentityNet n => Freeze(n),
        ResidualSingleChannelNet n => Freeze(n),
        _ => throw new ArgumentException($"Add {network.GetType().Name} to the switch.", nameof(network)),
    };

    private static IFrozenNetwork Freeze<TNet>(TNet network)
        where TNet : ICompiledNetwork<TNet>
        => network.Freeze();

    /// <summary>Weights away from their initial values; running variances positive, as training leaves them.</summary>
    private static void Randomise(INetwork network, int seed)
    {
        float[] parameters = TestData.Normal(network.Parameters.Length, seed);
        for (int i = 0; i < parameters.Length; i++)
        {
            network.Parameters[i] = 0.3f * parameters[i];
        }

        float[] buffers = TestData.Normal(network.Buffers.Length, seed + 1);
        for (int i = 0; i < buffers.Length; i++)
        {
            network.Buffers[i] = MathF.Abs(buffers[i]) + 0.1f;
        }
    }

    private static void AssertBitEqual(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}: output {i} is {actual[i]}, the network gives {expected[i]}.");
        }
    }
}
