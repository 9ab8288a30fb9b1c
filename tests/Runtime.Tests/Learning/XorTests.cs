using System;
using Neuroslyn.Runtime.Tests.Networks;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Learning;

public sealed class XorTests
{
    private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] Targets = [0, 1, 1, 0];

    [Fact]
    public void A_two_layer_network_solves_xor()
    {
        var network = new XorNet();
        float first = network.ComputeLoss(Inputs, Targets);
        float loss = 0;
        for (int step = 0; step < 500; step++)
        {
            loss = network.TrainBatch(Inputs, Targets);
        }

        Assert.True(loss < first / 10, $"The loss went from {first} to only {loss}.");
        var probability = new float[1];
        for (int sample = 0; sample < 4; sample++)
        {
            network.Predict(Inputs.AsSpan(sample * 2, 2), probability);
            bool right = Targets[sample] == 1 ? probability[0] > 0.9f : probability[0] < 0.1f;
            Assert.True(right, $"XOR({Inputs[sample * 2]}, {Inputs[(sample * 2) + 1]}) = {Targets[sample]}, but the network says {probability[0]:F3}.");
        }
    }
}
