using System;
using System.Threading.Tasks;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Behaviour;

public sealed class InferenceBehaviourTests
{
    [Fact]
    public void Many_threads_predicting_on_one_network_get_the_results_of_one_thread()
    {
        var network = new FashionTestNet();
        const int rows = 50;
        float[] inputs = TestData.Normal(rows * FashionTestNet.InputSize, 5);
        var expected = new float[rows * FashionTestNet.OutputSize];
        network.PredictBatch(inputs, expected);

        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            var outputs = new float[rows * FashionTestNet.OutputSize];
            for (int repeat = 0; repeat < 20; repeat++)
            {
                network.PredictBatch(inputs, outputs);
                for (int row = 0; row < rows; row += 7)
                {
                    network.Predict(inputs.AsSpan(row * FashionTestNet.InputSize, FashionTestNet.InputSize), outputs.AsSpan(row * FashionTestNet.OutputSize, FashionTestNet.OutputSize));
                }
            }

            results[thread] = outputs;
        });

        foreach (float[] result in results)
        {
            Assert.Equal(expected, result);
        }
    }

    [Fact]
    public void Inference_and_steady_state_training_allocate_nothing()
    {
        var network = new FashionTestNet();
        float[] inputs = TestData.Normal(64 * FashionTestNet.InputSize, 6);
        int[] labels = TestData.Labels(64, 10, 7);
        var outputs = new float[64 * FashionTestNet.OutputSize];

        // Warm up: the per-thread inference scratch and the training buffers are allocated on first use.
        network.Predict(inputs.AsSpan(0, FashionTestNet.InputSize), outputs);
        network.PredictBatch(inputs, outputs);
        network.TrainBatch(inputs, labels);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            network.Predict(inputs.AsSpan(0, FashionTestNet.InputSize), outputs);
            network.PredictBatch(inputs, outputs);
            network.TrainBatch(inputs, labels);
            network.TrainBatch(inputs.AsSpan(0, 32 * FashionTestNet.InputSize), labels.AsSpan(0, 32)); // smaller batches reuse the buffers
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_convolutional_network_with_residual_blocks_allocates_nothing_in_inference_and_steady_state_training()
    {
        var network = new ResidualCnnNet();
        float[] inputs = TestData.Normal(70 * ResidualCnnNet.InputSize, 8);
        int[] labels = TestData.Labels(70, 10, 9);
        var outputs = new float[70 * ResidualCnnNet.OutputSize];
        ResidualCnnNet.Frozen frozen = network.Freeze();

        network.Predict(inputs.AsSpan(0, ResidualCnnNet.InputSize), outputs);
        network.PredictBatch(inputs, outputs);
        frozen.PredictBatch(inputs, outputs);
        network.TrainBatch(inputs, labels);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            network.Predict(inputs.AsSpan(0, ResidualCnnNet.InputSize), outputs);
            network.PredictBatch(inputs, outputs); // 70 rows: two blocks of inference rows
            frozen.Predict(inputs.AsSpan(0, ResidualCnnNet.InputSize), outputs);
            frozen.PredictBatch(inputs, outputs);
            network.TrainBatch(inputs, labels);
            network.TrainBatch(inputs.AsSpan(0, 32 * ResidualCnnNet.InputSize), labels.AsSpan(0, 32));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Wrong_sizes_are_refused_with_a_message_that_names_the_sizes()
    {
        var network = new FashionTestNet();
        var output = new float[10];

        var error = Assert.Throws<ArgumentException>(() => network.Predict(new float[783], output));
        Assert.Contains("784", error.Message);
        Assert.Contains("783", error.Message);

        error = Assert.Throws<ArgumentException>(() => network.Predict(new float[784], new float[9]));
        Assert.Contains("9", error.Message);

        error = Assert.Throws<ArgumentException>(() => network.PredictBatch(new float[784 * 3 + 1], new float[30]));
        Assert.Contains("2353", error.Message);

        error = Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[784 * 4], new int[3]));
        Assert.Contains("4 samples", error.Message);

        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainBatch(new float[784 * 2], [3, 10]));
        Assert.Contains("Label 10 of sample 1", outOfRange.Message);
    }
}
