using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Behaviour;

public sealed class ReproducibilityTests
{
    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        Assert.Equal(new FashionTestNet(3).Parameters.ToArray(), new FashionTestNet(3).Parameters.ToArray());
        Assert.NotEqual(new FashionTestNet(3).Parameters.ToArray(), new FashionTestNet(4).Parameters.ToArray());
        Assert.Equal(new FashionTestNet().Parameters.ToArray(), new FashionTestNet(FashionTestNet.DefaultSeed).Parameters.ToArray());
    }

    [Fact]
    public void Training_with_dropout_is_bit_for_bit_reproducible_for_a_seed()
    {
        float[] inputs = TestData.Normal(32 * 784, 8);
        int[] labels = TestData.Labels(32, 10, 9);
        float[] Train()
        {
            var network = new FashionTestNet(11);
            for (int step = 0; step < 3; step++)
            {
                network.TrainBatch(inputs, labels);
            }

            return network.Parameters.ToArray();
        }

        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void Weights_follow_the_declared_initializers()
    {
        var network = new FashionTestNet(5);
        foreach (TensorInfo tensor in FashionTestNet.Tensors)
        {
            float[] values = network.Parameters.Slice(tensor.Offset, tensor.Length).ToArray();
            if (tensor.Role == TensorRole.Bias)
            {
                Assert.All(values, value => Assert.Equal(0f, value));
                continue;
            }

            // He-uniform for the ReLU layers (limit sqrt(6 / fan_in)), Glorot-uniform for the logits.
            int fanIn = tensor.Shape[1], fanOut = tensor.Shape[0];
            double limit = tensor.Name == "5.weight" ? System.Math.Sqrt(6.0 / (fanIn + fanOut)) : System.Math.Sqrt(6.0 / fanIn);
            double sumOfSquares = 0;
            foreach (float value in values)
            {
                Assert.InRange(value, -limit, limit);
                sumOfSquares += value * value;
            }

            // A uniform distribution on ±limit has variance limit² / 3.
            double variance = sumOfSquares / values.Length;
            Assert.InRange(variance, 0.9 * limit * limit / 3, 1.1 * limit * limit / 3);
        }
    }
}
