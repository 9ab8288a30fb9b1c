using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using Neuroslyn.Data;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Training;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Training;

/// <summary>
/// The training monitor sees the hazards the analyzers warn about happen, under the same ids: each test builds the
/// hazard for real and would fail without the monitor.
/// </summary>
public sealed class TrainingMonitorTests
{
    [Fact]
    public void Deep_sigmoid_network_is_reported_as_vanishing_with_per_layer_norms()
    {
        var monitor = new TrainingMonitor();
        var reported = new List<TrainingFinding>();
        monitor.FindingReported += reported.Add;

        Trainer.Fit(new DeepSigmoidNet(), Regression(256, DeepSigmoidNet.InputSize, seed: 1), options: new TrainingOptions { Epochs = 2, BatchSize = 32 }, monitor: monitor);

        TrainingFinding vanishing = Assert.Single(monitor.Findings, finding => finding.RuleId == "NSL2001" && finding.Metric == "gradient-norm-ratio" && finding.Epoch == 1);
        Assert.Equal(0, vanishing.Layer);
        Assert.Equal("0.weight", vanishing.Tensor);
        Assert.True(vanishing.Value < 1e-3, $"ratio {vanishing.Value}");
        Assert.Contains("gradient norms: layer 0", vanishing.Message);
        Assert.Equal(FindingSeverity.Warning, vanishing.Severity);
        Assert.Equal(monitor.Findings, reported);

        LayerStatistics[] layers = monitor.Epochs[0].Layers.ToArray();
        Assert.True(layers[0].GradientNorm < 1e-3 * layers[^1].GradientNorm, $"first {layers[0].GradientNorm}, last {layers[^1].GradientNorm}");
        Assert.Contains(vanishing, monitor.Epochs[0].Findings);
    }

    [Fact]
    public void Sigmoid_units_driven_into_saturation_are_reported_as_vanishing()
    {
        var network = new DeepSigmoidNet();
        // Weights 20x too large: most pre-activations of the hidden Sigmoid layers land beyond |z| = 5.
        foreach (TensorInfo weight in DeepSigmoidNet.Tensors.Where(tensor => tensor.Role == TensorRole.Weight))
        {
            Span<float> values = network.Parameters.Slice(weight.Offset, weight.Length);
            System.Numerics.Tensors.TensorPrimitives.Multiply(values, 20f, values);
        }

        var monitor = new TrainingMonitor();

        Trainer.Fit(network, Regression(128, DeepSigmoidNet.InputSize, seed: 7), options: new TrainingOptions { Epochs = 1, BatchSize = 32 }, monitor: monitor);

        TrainingFinding saturated = Assert.Single(monitor.Findings, finding => finding.Metric == "saturated-share" && finding.Layer == 1);
        Assert.Equal("NSL2001", saturated.RuleId);
        Assert.True(saturated.Value > 0.5, $"share {saturated.Value}");
        Assert.Equal(saturated.Value, monitor.Epochs[0].Layers[1].SaturatedShare);
        Assert.Null(monitor.Epochs[0].Layers[^1].SaturatedShare); // the output layer is not judged
    }

    [Fact]
    public void First_to_last_gradient_norm_ratio_above_70_is_NSL2002_with_the_measured_ratio()
    {
        // A ReLU network with zero biases computes the same function when its first layer's weights are divided by k
        // and its last layer's multiplied by k (ReLU(z / k) = ReLU(z) / k): the same outputs and loss, but the first
        // layer's gradient grows by k and the last one's shrinks by k, so their norm ratio grows by exactly k².
        // k = 64 is a power of two, so every product scales exactly.
        const float k = 64;
        TrainingSet<float> data = Regression(256, ReluRegressor.InputSize, seed: 8);
        TrainingMonitor healthy = WatchFrozen(new ReluRegressor(), data);
        var network = new ReluRegressor();
        ScaleWeights(network, layer: 0, 1 / k);
        ScaleWeights(network, layer: 1, k);

        TrainingMonitor monitor = WatchFrozen(network, data);

        double healthyRatio = healthy.Epochs[0].Layers[0].GradientNorm!.Value / healthy.Epochs[0].Layers[1].GradientNorm!.Value;
        Assert.True(healthyRatio < 70, $"healthy ratio {healthyRatio}");
        Assert.Empty(healthy.Findings);

        LayerStatistics[] layers = monitor.Epochs[0].Layers.ToArray();
        double ratio = layers[0].GradientNorm!.Value / layers[1].GradientNorm!.Value;
        Assert.Equal(k * k * healthyRatio, ratio, tolerance: 1e-9 * ratio);
        Assert.True(ratio > 70, $"ratio {ratio}, healthy {healthyRatio}");

        TrainingFinding exploding = Assert.Single(monitor.Findings);
        Assert.Equal("NSL2002", exploding.RuleId);
        Assert.Equal(FindingSeverity.Warning, exploding.Severity);
        Assert.Equal("gradient-norm-ratio", exploding.Metric);
        Assert.Equal(0, exploding.Layer);
        Assert.Equal("0.weight", exploding.Tensor);
        Assert.Equal(70, exploding.Threshold);
        Assert.Equal(ratio, exploding.Value);
        Assert.Contains($"gradient norms: layer 0 {layers[0].GradientNorm!.Value.ToString("G3", CultureInfo.InvariantCulture)}, layer 1 ", exploding.Message);
        Assert.Contains(exploding, monitor.Epochs[0].Findings);
    }

    [Fact]
    public void Mean_absolute_gradient_below_1e_7_is_NSL2001_at_that_layer()
    {
        // Layer 1's weight gradient is its input (layer 0's output) times the error reaching it. Weights of layer 0
        // shrunk a billionfold shrink that input, and so the gradient, a billionfold (mean |gradient| ~1e-10 instead of
        // ~3e-2); a bias of 1 on layer 1 keeps its own output, and so the first and last layers' gradients, at their
        // usual size: only layer 1 vanishes, and the first/last norm ratio stays healthy.
        TrainingSet<float> data = Regression(256, StackedReluRegressor.InputSize, seed: 9);
        TrainingMonitor healthy = WatchFrozen(new StackedReluRegressor(), data);
        var network = new StackedReluRegressor();
        ScaleWeights(network, layer: 0, 1e-9f);
        TensorInfo bias = StackedReluRegressor.Tensors.Single(tensor => tensor.Layer == 1 && tensor.Role == TensorRole.Bias);
        network.Parameters.Slice(bias.Offset, bias.Length).Fill(1f);

        TrainingMonitor monitor = WatchFrozen(network, data);

        Assert.Empty(healthy.Findings);
        TrainingFinding vanishing = Assert.Single(monitor.Findings);
        Assert.Equal("NSL2001", vanishing.RuleId);
        Assert.Equal(FindingSeverity.Warning, vanishing.Severity);
        Assert.Equal("mean-abs-gradient", vanishing.Metric);
        Assert.Equal(1, vanishing.Layer);
        Assert.Equal(StackedReluRegressor.Tensors.Single(tensor => tensor.Layer == 1 && tensor.Role == TensorRole.Weight).Name, vanishing.Tensor);
        Assert.Equal(1e-7, vanishing.Threshold);
        Assert.Equal(monitor.Epochs[0].Layers[1].MeanAbsGradient, vanishing.Value);
        Assert.InRange(vanishing.Value, double.Epsilon, 1e-9);
        Assert.Contains("Vanishing gradient at layer 1 (Dense(32, ReLU))", vanishing.Message);
        Assert.All([monitor.Epochs[0].Layers[0], monitor.Epochs[0].Layers[2]], layer => Assert.True(layer.MeanAbsGradient > 1e-4, $"layer {layer.Layer}: {layer.MeanAbsGradient}"));
    }

    [Fact]
    public void Huge_learning_rate_is_reported_as_diverging_and_stops_before_NaN_reaches_the_weights()
    {
        TrainingSet<float> data = Regression(256, HugeLearningRateNet.InputSize, seed: 2);
        var options = new TrainingOptions { Epochs = 5, BatchSize = 16 };

        // Without the monitor the same run ends with non-finite weights: the test would fail without it.
        var unwatched = new HugeLearningRateNet();
        Trainer.Fit(unwatched, data, options: options);
        Assert.Contains(unwatched.Parameters.ToArray(), value => !float.IsFinite(value));

        var network = new HugeLearningRateNet();
        var monitor = new TrainingMonitor(new MonitorOptions { StopAt = FindingSeverity.Warning });
        TrainingResult result = Trainer.Fit(network, data, options: options, monitor: monitor);

        Assert.NotNull(result.HaltedBy);
        Assert.Contains(result.HaltedBy!.RuleId, new[] { "NSL2002", "NSL7001" });
        Assert.Same(result.HaltedBy, monitor.HaltedBy);
        Assert.All(network.Parameters.ToArray(), value => Assert.True(float.IsFinite(value)));
        Assert.True(result.HaltedBy.Step < 5L * (256 / 16), "training stopped early");
        Assert.Throws<TrainingHaltedException>(monitor.ThrowIfHalted);
    }

    [Fact]
    public void Loss_blow_up_is_NSL2002_with_the_loss_and_threshold()
    {
        var monitor = new TrainingMonitor(new MonitorOptions { StopAt = FindingSeverity.Warning });

        Trainer.Fit(new HugeLearningRateNet(), Regression(256, HugeLearningRateNet.InputSize, seed: 2), options: new TrainingOptions { Epochs = 5, BatchSize = 16 }, monitor: monitor);

        TrainingFinding blowUp = Assert.Single(monitor.Findings);
        Assert.Equal("NSL2002", blowUp.RuleId);
        Assert.Equal("loss", blowUp.Metric);
        Assert.True(blowUp.Value >= 1e3, $"loss {blowUp.Value}");
        Assert.Equal(1e3, blowUp.Threshold);
        Assert.Contains("ClipNorm", blowUp.Advice);
    }

    [Fact]
    public void Dead_relu_units_are_reported_with_their_share()
    {
        var network = new ReluRegressor();
        // Drive 24 of the 64 units dead: a bias of -100 keeps their sum below 0 for every input in [-1, 1].
        TensorInfo bias = ReluRegressor.Tensors.Single(tensor => tensor.Name == "0.bias");
        network.Parameters.Slice(bias.Offset, 24).Fill(-100f);
        var monitor = new TrainingMonitor();

        Trainer.Fit(network, Regression(256, ReluRegressor.InputSize, seed: 3), options: new TrainingOptions { Epochs = 2, BatchSize = 32 }, monitor: monitor);

        Assert.All(monitor.Epochs, epoch => Assert.Equal(24.0 / 64, epoch.Layers[0].DeadShare));
        TrainingFinding dead = Assert.Single(monitor.Findings, finding => finding.Epoch == 1);
        Assert.Equal("NSL2003", dead.RuleId);
        Assert.Equal(FindingSeverity.Warning, dead.Severity);
        Assert.Equal(0, dead.Layer);
        Assert.Equal(0.375, dead.Value);
        Assert.Equal(0.1, dead.Threshold);
        Assert.Contains("38% of layer 0's 64 units", dead.Message);
        Assert.Contains("(dead: units 0, 1, 2, 3, 4, 5, 6, 7, ... (24 in all))", dead.Message);
        Assert.Equal(Enumerable.Range(0, 24), monitor.Epochs[0].Layers[0].DeadUnits!);
    }

    [Fact]
    public void Most_units_dead_is_an_error_and_stops_training()
    {
        var network = new ReluRegressor();
        TensorInfo bias = ReluRegressor.Tensors.Single(tensor => tensor.Name == "0.bias");
        network.Parameters.Slice(bias.Offset, 40).Fill(-100f);
        var monitor = new TrainingMonitor();

        TrainingResult result = Trainer.Fit(network, Regression(256, ReluRegressor.InputSize, seed: 3), options: new TrainingOptions { Epochs = 3, BatchSize = 32 }, monitor: monitor);

        Assert.Equal("NSL2003", result.HaltedBy?.RuleId);
        Assert.Equal(FindingSeverity.Error, result.HaltedBy!.Severity);
        Assert.Single(result.Epochs);
    }

    [Fact]
    public void NaN_in_the_input_stops_at_the_first_layer_output_before_the_step()
    {
        var network = new ReluRegressor();
        float[] before = network.Parameters.ToArray();
        TrainingSet<float> data = Regression(64, ReluRegressor.InputSize, seed: 4);
        data.Inputs[3] = float.NaN;
        var monitor = new TrainingMonitor();

        TrainingResult result = Trainer.Fit(network, data, options: new TrainingOptions { Epochs = 1, BatchSize = 64 }, monitor: monitor);

        TrainingFinding finding = Assert.Single(monitor.Findings);
        Assert.Equal("NSL7001", finding.RuleId);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(0, finding.Layer);
        Assert.Equal("output", finding.Tensor);
        Assert.Contains("layer 0 (Dense(64, ReLU)) produced NaN in its output in the forward pass", finding.Message);
        Assert.Same(finding, result.HaltedBy);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Without_the_hook_NaN_is_found_in_the_loss_and_gradients_are_checked_by_tensor()
    {
        var network = new UnmonitoredReluRegressor();
        float[] before = network.Parameters.ToArray();
        TrainingSet<float> data = Regression(64, UnmonitoredReluRegressor.InputSize, seed: 4);
        data.Inputs[3] = float.NaN;
        var monitor = new TrainingMonitor();

        Trainer.Fit(network, data, options: new TrainingOptions { Epochs = 1, BatchSize = 64 }, monitor: monitor);

        Assert.False(monitor.SeesForwardPass);
        TrainingFinding finding = Assert.Single(monitor.Findings);
        Assert.Equal("NSL7001", finding.RuleId);
        Assert.Equal("loss", finding.Tensor);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_loss_that_does_not_move_is_a_stall_and_tiny_updates_are_NSL4002()
    {
        var network = new ReluRegressor { LearningRate = 1e-12f };
        var monitor = new TrainingMonitor();

        Trainer.Fit(network, Regression(128, ReluRegressor.InputSize, seed: 5), options: new TrainingOptions { Epochs = 6, BatchSize = 32, Shuffle = false }, monitor: monitor);

        TrainingFinding stall = Assert.Single(monitor.Findings, finding => finding.RuleId == "NSL7002");
        Assert.Equal(6, stall.Epoch);
        Assert.Contains(monitor.Findings, finding => finding.RuleId == "NSL4002" && finding.Metric == "update-ratio" && finding.Layer == 0);
    }

    [Fact]
    public void The_hook_does_not_change_the_arithmetic()
    {
        TrainingSet<float> data = Regression(128, ReluRegressor.InputSize, seed: 6);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 16 };
        var monitored = new ReluRegressor();
        var plain = new UnmonitoredReluRegressor();

        Trainer.Fit(monitored, data, options: options, monitor: new TrainingMonitor());
        Trainer.Fit(plain, data, options: options);

        Assert.Equal(plain.Parameters.ToArray(), monitored.Parameters.ToArray());
        Assert.Null(((IMonitoredNetwork)monitored).Monitor);
        Assert.False(plain is IMonitoredNetwork);
    }

    [Fact]
    public void The_Fashion_MNIST_network_on_the_shipped_subset_produces_no_findings()
    {
        string folder = RepositoryPaths.Combine("samples", "FashionMnist", "data");
        LabeledImages train = LabeledImages.Load(Path.Combine(folder, "train-images-idx3-ubyte.gz"), Path.Combine(folder, "train-labels-idx1-ubyte.gz"));
        var monitor = new TrainingMonitor(new MonitorOptions { StopAt = FindingSeverity.Info });

        TrainingResult result = Trainer.Fit(new MonitoredFashionNet(), TrainingSet.FromImages(train), options: new TrainingOptions { Epochs = 5, BatchSize = 64, Seed = 7 }, monitor: monitor);

        Assert.Empty(monitor.Findings);
        Assert.Null(result.HaltedBy);
        Assert.Equal(5, monitor.Epochs.Count);
        LayerStatistics first = monitor.Epochs[^1].Layers[0];
        Assert.NotNull(first.DeadShare);
        Assert.NotNull(first.GradientNorm);
        Assert.NotNull(first.UpdateRatio);
        Assert.Null(monitor.Epochs[^1].Layers[1].GradientNorm); // dropout has no weights
    }

    /// <summary>
    /// Watches one epoch with the learning rate at 0, so that every sampled step measures the network exactly as the
    /// test built it. A frozen network trips the update-ratio rule (NSL4002), which is not what these tests are about:
    /// its thresholds are opened.
    /// </summary>
    private static TrainingMonitor WatchFrozen<TNet>(TNet network, TrainingSet<float> data)
        where TNet : ICompiledNetwork<TNet>, ITrainableNetwork<float>
    {
        network.LearningRate = 0;
        var monitor = new TrainingMonitor(new MonitorOptions { MinUpdateRatio = 0, MaxUpdateRatio = double.PositiveInfinity });
        Trainer.Fit(network, data, options: new TrainingOptions { Epochs = 1, BatchSize = 32 }, monitor: monitor);
        return monitor;
    }

    private static void ScaleWeights<TNet>(TNet network, int layer, float factor)
        where TNet : ICompiledNetwork<TNet>
    {
        TensorInfo weight = TNet.Tensors.Single(tensor => tensor.Layer == layer && tensor.Role == TensorRole.Weight);
        Span<float> values = network.Parameters.Slice(weight.Offset, weight.Length);
        TensorPrimitives.Multiply(values, factor, values);
    }

    /// <summary>Inputs uniform in [-1, 1]; the target a smooth function of them.</summary>
    private static TrainingSet<float> Regression(int count, int features, int seed)
    {
        var random = new Random(seed);
        float[] inputs = new float[count * features];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            double sum = 0;
            for (int j = 0; j < features; j++)
            {
                float x = (float)((random.NextDouble() * 2) - 1);
                inputs[(i * features) + j] = x;
                sum += x * (j % 2 == 0 ? 1 : -0.5);
            }

            targets[i] = (float)Math.Sin(sum);
        }

        return new TrainingSet<float>(inputs, targets, features);
    }
}
