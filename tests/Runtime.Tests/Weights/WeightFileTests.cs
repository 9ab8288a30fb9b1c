using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>Saving and loading: names, layouts, round trips with and without the optimizer's state.</summary>
public sealed class WeightFileTests
{
    [Fact]
    public void Header_names_each_tensor_as_the_equivalent_nn_Sequential_with_PyTorch_shapes_and_dtypes()
    {
        byte[] file = WeightFile.ToBytes(new InteropNet());
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(file);

        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "4.weight", "4.bias", "6.weight", "6.bias"],
            SafeTensorsBytes.Names(file));
        Assert.Equal("pt", (string?)header["__metadata__"]!["format"]);
        AssertEntry(header, "0.weight", "F32", [8, 5]);
        AssertEntry(header, "1.running_var", "F32", [8]);
        AssertEntry(header, "1.num_batches_tracked", "I64", []);
        AssertEntry(header, "6.weight", "F32", [3, 6]);
        Assert.Equal(0, (file.Length - data.Length) % 8); // the header is padded so that the data is 8-byte aligned
        Assert.Equal(4L * InteropNet.ParameterCount + 4L * InteropNet.BufferCount + 8, data.Length);
    }

    [Fact]
    public void Dense_weights_are_written_as_out_by_in()
    {
        var network = new InteropNet();
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(WeightFile.ToBytes(network));
        int begin = (int)header["0.weight"]!["data_offsets"]![0]!;

        // PyTorch's weight[o, i] is the network's W[i, o], stored at i * 8 + o.
        float torch_2_3 = BitConverter.ToSingle(data, begin + (4 * ((2 * 5) + 3)));

        Assert.Equal(network.Parameters[(3 * 8) + 2], torch_2_3);
    }

    [Fact]
    public void Custom_names_prefix_the_tensors_and_other_layers_keep_their_index()
    {
        Assert.Equal(
            ["encoder.fc.weight", "encoder.fc.bias", "encoder.norm.weight", "encoder.norm.bias", "encoder.norm.running_mean", "encoder.norm.running_var", "encoder.norm.num_batches_tracked",
             "3.weight", "3.bias", "4.weight", "4.bias", "4.running_mean", "4.running_var", "4.num_batches_tracked", "head.weight", "head.bias"],
            SafeTensorsBytes.Names(WeightFile.ToBytes(new NamedNet())));
        Assert.Equal(["encoder.fc", "encoder.norm", "3", "4", "head"], NamedNet.Layers.Select(layer => layer.Name));
    }

    [Fact]
    public void Round_trip_restores_parameters_statistics_and_batch_counters()
    {
        InteropNet trained = Trained(steps: 3);
        var fresh = new InteropNet(99);

        WeightFile.Read(fresh, WeightFile.ToBytes(trained));

        Assert.Equal(trained.Parameters.ToArray(), fresh.Parameters.ToArray());
        Assert.Equal(trained.Buffers.ToArray(), fresh.Buffers.ToArray());
        Assert.Equal([3L], fresh.BatchesTracked.ToArray());
        Assert.Equal(Predictions(trained), Predictions(fresh));
        Assert.Equal(0, fresh.StepCount); // without IncludeOptimizerState the optimizer is not touched
    }

    [Fact]
    public void Each_BatchNorm_layer_counts_its_training_batches()
    {
        var network = new NamedNet();
        float[] inputs = TestInputs(network: 4, rows: 6, seed: 1);
        float[] targets = TestInputs(network: 2, rows: 6, seed: 2);

        network.TrainBatch(inputs, targets);
        network.ComputeGradients(inputs, targets);
        network.ComputeLoss(inputs, targets); // inference mode: not a training batch

        Assert.Equal([2L, 2L], network.BatchesTracked.ToArray());
    }

    [Fact]
    public void Optimizer_state_round_trip_resumes_training_exactly()
    {
        InteropNet original = Trained(steps: 3);
        var resumed = new InteropNet(99);
        var options = new WeightFileOptions { IncludeOptimizerState = true };

        byte[] checkpoint = WeightFile.ToBytes(original, options);
        WeightFile.Read(resumed, checkpoint, options);

        Assert.Equal(3, resumed.StepCount);
        Assert.Contains("optimizer.step", SafeTensorsBytes.Names(checkpoint));
        Assert.Contains("optimizer.4.weight.exp_avg_sq", SafeTensorsBytes.Names(checkpoint));

        // The dropout stream is not in the file: restart both on the same one.
        original.ResetDropout(5);
        resumed.ResetDropout(5);
        float[] inputs = TestInputs(network: 5, rows: 10, seed: 3);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0];
        for (int step = 0; step < 2; step++)
        {
            Assert.Equal(original.TrainBatch(inputs, labels), resumed.TrainBatch(inputs, labels));
        }

        NetworkState.Of(original).AssertSame(NetworkState.Of(resumed));
    }

    [Fact]
    public void Momentum_buffers_are_saved_under_the_parameter_names()
    {
        var network = new NamedNet();
        network.TrainBatch(TestInputs(4, 6, 1), TestInputs(2, 6, 2));
        var options = new WeightFileOptions { IncludeOptimizerState = true };

        byte[] file = WeightFile.ToBytes(network, options);
        var copy = new NamedNet(1);
        WeightFile.Read(copy, file, options);

        Assert.Contains("optimizer.encoder.fc.weight.momentum_buffer", SafeTensorsBytes.Names(file));
        Assert.DoesNotContain(SafeTensorsBytes.Names(file), name => name.StartsWith("optimizer.encoder.norm.running", StringComparison.Ordinal));
        NetworkState.Of(network).AssertSame(NetworkState.Of(copy));
    }

    [Fact]
    public void Plain_SGD_saves_only_its_step_count()
    {
        var network = new PlainSgdNet { StepCount = 12 };

        byte[] file = WeightFile.ToBytes(network, new WeightFileOptions { IncludeOptimizerState = true });
        var copy = new PlainSgdNet();
        WeightFile.Read(copy, file, new WeightFileOptions { IncludeOptimizerState = true });

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "optimizer.step"], SafeTensorsBytes.Names(file));
        Assert.Equal(12, copy.StepCount);
    }

    [Fact]
    public void A_checkpoint_loads_as_plain_weights_and_leaves_the_optimizer_alone()
    {
        InteropNet original = Trained(steps: 2);
        var target = new InteropNet(1) { StepCount = 40 };
        float[] moments = target.GetOptimizerState(0).ToArray();

        WeightFile.Read(target, WeightFile.ToBytes(original, new WeightFileOptions { IncludeOptimizerState = true }));

        Assert.Equal(original.Parameters.ToArray(), target.Parameters.ToArray());
        Assert.Equal(40, target.StepCount);
        Assert.Equal(moments, target.GetOptimizerState(0).ToArray());
    }

    [Fact]
    public void Save_and_load_through_a_path()
    {
        string folder = Directory.CreateTempSubdirectory("neuroslyn-weights-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.safetensors");
            InteropNet trained = Trained(steps: 1);

            WeightFile.Save(trained, path);
            WeightFile.Save(trained, path); // replaces the file
            var loaded = new InteropNet(3);
            WeightFile.Load(loaded, path);

            Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());
            Assert.Equal(["model.safetensors"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Generated_network_rejects_a_negative_step_count_and_an_unknown_optimizer_buffer()
    {
        var network = new InteropNet();

        Assert.Throws<ArgumentOutOfRangeException>(() => network.StepCount = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.GetOptimizerState(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlainSgdNet().GetOptimizerState(0));
        Assert.Equal(["exp_avg", "exp_avg_sq"], network.OptimizerStateNames);
        Assert.Equal(["momentum_buffer"], new NamedNet().OptimizerStateNames);
        Assert.Empty(new PlainSgdNet().OptimizerStateNames);
        Assert.True(new PlainSgdNet().BatchesTracked.IsEmpty);
    }

    internal static InteropNet Trained(int steps)
    {
        var network = new InteropNet();
        float[] inputs = TestInputs(network: 5, rows: 10, seed: 7);
        int[] labels = [2, 1, 0, 2, 1, 0, 2, 1, 0, 1];
        for (int step = 0; step < steps; step++)
        {
            network.TrainBatch(inputs, labels);
        }

        return network;
    }

    internal static float[] Predictions(INetwork network, int inputs = 5)
    {
        float[] x = TestInputs(inputs, rows: 9, seed: 11);
        var y = new float[9 * 3];
        network.PredictBatch(x, y);
        return y;
    }

    /// <summary>Reproducible values in [-2, 2).</summary>
    internal static float[] TestInputs(int network, int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, network * rows).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
    }

    private static void AssertEntry(JsonObject header, string name, string dtype, int[] shape)
    {
        JsonNode entry = header[name]!;
        Assert.Equal(dtype, (string?)entry["dtype"]);
        Assert.Equal(shape, entry["shape"]!.AsArray().Select(dimension => (int)dimension!).ToArray());
    }
}
