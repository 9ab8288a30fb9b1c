using System;
using System.IO;
using System.Linq;
using Neuroslyn.Data;
using Neuroslyn.Runtime.Tests.Kernels;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Neuroslyn.Training;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Training;

/// <summary>
/// The training monitor over convolutional networks: a unit of an image output is a channel (a filter), dead only when it
/// is never above 0 at any position of any sample; a non-finite value is named by the first layer where it appears.
/// Each test builds the situation for real.
/// </summary>
public sealed class ConvTrainingMonitorTests
{
    private const int Side = 8;

    [Fact]
    public void A_dead_filter_is_reported_by_channel_with_a_share_of_one_in_filters()
    {
        var network = new MonitoredConvNet();
        // Filter 2 of the first convolution: weights 0 and a bias of -100 make its output ReLU(-100) = 0 everywhere.
        KillFilter(network, layer: 0, filter: 2, filters: 4, groupChannels: 1, kernel: 3);
        var monitor = new TrainingMonitor();

        Trainer.Fit(network, Images(128, seed: 21, border: 0), options: new TrainingOptions { Epochs = 2, BatchSize = 16 }, monitor: monitor);

        Assert.All(monitor.Epochs, epoch => Assert.Equal(1.0 / 4, epoch.Layers[0].DeadShare));
        Assert.All(monitor.Epochs, epoch => Assert.Equal(0, epoch.Layers[2].DeadShare));
        TrainingFinding dead = Assert.Single(monitor.Findings, finding => finding.Epoch == 1);
        Assert.Equal("NSL2003", dead.RuleId);
        Assert.Equal(FindingSeverity.Warning, dead.Severity);
        Assert.Equal(0, dead.Layer);
        Assert.Equal(0.25, dead.Value);
        Assert.Contains("25% of layer 0's 4 channels (Conv2D(4, 3, ReLU))", dead.Message);
        Assert.Contains("at any position of any sample", dead.Message);
        Assert.Contains("(dead: channel 2)", dead.Message);
        Assert.Equal([2], monitor.Epochs[0].Layers[0].DeadUnits!);
    }

    [Fact]
    public void A_dead_filter_inside_a_residual_block_is_named_by_its_path_and_the_blocks_sum_stays_alive()
    {
        var network = new MonitoredResidualNet();
        // Filter 1 of the body's first convolution (layer 2, "2.body.0"): weights 0 and a bias of -100.
        KillFilter(network, layer: 2, filter: 1, filters: 4, groupChannels: 4, kernel: 3);
        var monitor = new TrainingMonitor();

        Trainer.Fit(network, Images(128, seed: 24, border: 0), options: new TrainingOptions { Epochs = 1, BatchSize = 16 }, monitor: monitor);

        Assert.Equal(1.0 / 4, monitor.Epochs[0].Layers[2].DeadShare);
        Assert.Equal([1], monitor.Epochs[0].Layers[2].DeadUnits!);
        Assert.Equal(0, monitor.Epochs[0].Layers[0].DeadShare);
        Assert.Equal(0, monitor.Epochs[0].Layers[4].DeadShare); // the sum: the shortcut carries the block's input on
        TrainingFinding dead = Assert.Single(monitor.Findings);
        Assert.Equal(2, dead.Layer);
        Assert.Contains("'2.body.0'", dead.Message);
        Assert.Contains("(dead: channel 1)", dead.Message);
    }

    [Fact]
    public void A_dead_BatchNorm_channel_over_an_image_is_named_by_channel()
    {
        var network = new ConvBatchNormReluNet();
        // Channel 3 of the BatchNorm: scale 0 and shift -1 make its output ReLU(-1) = 0 everywhere.
        TensorInfo scale = ConvBatchNormReluNet.Tensors.Single(tensor => tensor.Layer == 1 && tensor.Role == TensorRole.Scale);
        TensorInfo shift = ConvBatchNormReluNet.Tensors.Single(tensor => tensor.Layer == 1 && tensor.Role == TensorRole.Shift);
        network.Parameters[scale.Offset + 3] = 0;
        network.Parameters[shift.Offset + 3] = -1;
        var monitor = new TrainingMonitor();

        Trainer.Fit(network, Images(96, seed: 22, border: 0, channels: 2, side: 6), options: new TrainingOptions { Epochs = 1, BatchSize = 16 }, monitor: monitor);

        Assert.Equal(1.0 / 5, monitor.Epochs[0].Layers[1].DeadShare);
        TrainingFinding dead = Assert.Single(monitor.Findings);
        Assert.Equal("NSL2003", dead.RuleId);
        Assert.Equal(1, dead.Layer);
        Assert.Contains("20% of layer 1's 5 channels (BatchNorm(ReLU) 'bn')", dead.Message);
        Assert.Contains("(dead: channel 3)", dead.Message);
        Assert.Equal([3], monitor.Epochs[0].Layers[1].DeadUnits!);
    }

    [Fact]
    public void Zero_outputs_on_the_border_with_every_filter_alive_are_not_dead_units()
    {
        // Images whose two outer rings are 0, a convolution without bias, padding 1: every output on the outer ring
        // reads only zeros and is exactly 0, for every sample (28 of the 64 positions), while each filter is positive
        // somewhere inside. Counted per position, 44% of the layer would look dead.
        TrainingSet<float> data = Images(128, seed: 23, border: 2);
        var network = new BorderConvNet { LearningRate = 0 };
        AssertBorderZeroAndFiltersAlive(network, data);
        var monitor = new TrainingMonitor(new MonitorOptions { MinUpdateRatio = 0, MaxUpdateRatio = double.PositiveInfinity });

        Trainer.Fit(network, data, options: new TrainingOptions { Epochs = 1, BatchSize = 32 }, monitor: monitor);

        Assert.Equal(0, monitor.Epochs[0].Layers[0].DeadShare);
        Assert.Empty(monitor.Epochs[0].Layers[0].DeadUnits!);
        Assert.Empty(monitor.Findings);
    }

    [Fact]
    public void NaN_in_an_image_is_named_at_the_first_convolution_before_the_step()
    {
        var network = new MonitoredConvNet();
        float[] before = network.Parameters.ToArray();
        TrainingSet<float> data = Images(32, seed: 24, border: 0);
        data.Inputs[(5 * Side * Side) + (3 * Side) + 4] = float.NaN;
        var monitor = new TrainingMonitor();

        TrainingResult result = Trainer.Fit(network, data, options: new TrainingOptions { Epochs = 1, BatchSize = 32 }, monitor: monitor);

        TrainingFinding finding = Assert.Single(monitor.Findings);
        Assert.Equal("NSL7001", finding.RuleId);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(0, finding.Layer);
        Assert.Equal("output", finding.Tensor);
        Assert.Contains("layer 0 (Conv2D(4, 3, ReLU)) produced NaN in its output in the forward pass", finding.Message);
        Assert.Same(finding, result.HaltedBy);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_NaN_weight_is_named_at_its_layer_not_the_first_one()
    {
        var network = new MonitoredConvNet();
        TensorInfo weight = MonitoredConvNet.Tensors.Single(tensor => tensor.Name == "conv2.weight");
        network.Parameters[weight.Offset + 7] = float.NaN;
        var monitor = new TrainingMonitor();

        Trainer.Fit(network, Images(32, seed: 25, border: 0), options: new TrainingOptions { Epochs = 1, BatchSize = 32 }, monitor: monitor);

        TrainingFinding finding = Assert.Single(monitor.Findings);
        Assert.Equal("NSL7001", finding.RuleId);
        Assert.Equal(2, finding.Layer);
        Assert.Contains("layer 2 (Conv2D(6, 3, ReLU) 'conv2') produced NaN in its output in the forward pass", finding.Message);
        Assert.Contains("conv2.weight holds NaN", finding.Message);
    }

    [Fact]
    public void Without_the_hook_a_NaN_weight_is_named_by_the_loss_finding()
    {
        var network = new UnmonitoredConvNet();
        TensorInfo weight = UnmonitoredConvNet.Tensors.Single(tensor => tensor.Name == "conv2.weight");
        network.Parameters[weight.Offset + 7] = float.PositiveInfinity;
        var monitor = new TrainingMonitor();

        Trainer.Fit(network, Images(32, seed: 26, border: 0), options: new TrainingOptions { Epochs = 1, BatchSize = 32 }, monitor: monitor);

        TrainingFinding finding = Assert.Single(monitor.Findings);
        Assert.Equal("NSL7001", finding.RuleId);
        Assert.Equal(2, finding.Layer);
        Assert.Equal("conv2.weight", finding.Tensor);
        Assert.Contains("layer 2 (Conv2D(6, 3, ReLU) 'conv2')", finding.Message);
    }

    [Fact]
    public void The_Fashion_MNIST_CNN_on_the_shipped_subset_produces_no_findings()
    {
        string folder = RepositoryPaths.Combine("samples", "FashionMnist", "data");
        LabeledImages train = LabeledImages.Load(Path.Combine(folder, "train-images-idx3-ubyte.gz"), Path.Combine(folder, "train-labels-idx1-ubyte.gz"));
        var monitor = new TrainingMonitor(new MonitorOptions { StopAt = FindingSeverity.Info });

        TrainingResult result = Trainer.Fit(new MonitoredFashionCnn(), TrainingSet.FromImages(train), options: new TrainingOptions { Epochs = 2, BatchSize = 64, Seed = 7 }, monitor: monitor);

        Assert.Empty(monitor.Findings);
        Assert.Null(result.HaltedBy);
        LayerStatistics[] layers = monitor.Epochs[^1].Layers.ToArray();
        Assert.All([layers[1], layers[4], layers[8]], layer => Assert.Equal(0, layer.DeadShare)); // every BatchNorm(ReLU): 16, 32 channels; 128 features
        Assert.NotNull(layers[0].GradientNorm);
        Assert.NotNull(layers[3].UpdateRatio);
    }

    [Fact]
    public void A_monitored_convolutional_step_allocates_nothing_in_steady_state()
    {
        var network = new MonitoredConvNet();
        TrainingSet<float> data = Images(64, seed: 27, border: 0);
        var monitor = new TrainingMonitor();
        monitor.Attach(network);
        Step(network, monitor, data);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 25; i++)
        {
            Step(network, monitor, data); // every CheckInterval-th step also measures gradients and updates
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Empty(monitor.Findings);
    }

    private static void Step(MonitoredConvNet network, TrainingMonitor monitor, TrainingSet<float> data)
    {
        float loss = network.ComputeGradients(data.Inputs, data.Targets);
        Assert.True(monitor.AfterGradients(network, loss));
        network.ApplyGradients();
        Assert.True(monitor.AfterStep(network));
    }

    /// <summary>Zeroes filter <paramref name="filter"/>'s weights (stored kernel-major) and sets its bias to -100.</summary>
    private static void KillFilter<TNet>(TNet network, int layer, int filter, int filters, int groupChannels, int kernel)
        where TNet : ICompiledNetwork<TNet>
    {
        TensorInfo weight = TNet.Tensors.Single(tensor => tensor.Layer == layer && tensor.Role == TensorRole.Weight);
        TensorInfo bias = TNet.Tensors.Single(tensor => tensor.Layer == layer && tensor.Role == TensorRole.Bias);
        Span<float> stored = network.Parameters.Slice(weight.Offset, weight.Length);
        float[] torch = ReferenceLayouts.TorchOrder(stored.ToArray(), filters, groupChannels, kernel);
        torch.AsSpan(filter * groupChannels * kernel * kernel, groupChannels * kernel * kernel).Clear();
        ReferenceLayouts.KernelMajor(torch, filters, groupChannels, kernel).CopyTo(stored);
        network.Parameters[bias.Offset + filter] = -100f;
    }

    /// <summary>
    /// Checks the premise of the border test with the double-precision reference convolution: the outer ring of the
    /// layer's output is 0 for every sample, and every filter is above 0 somewhere.
    /// </summary>
    private static void AssertBorderZeroAndFiltersAlive(BorderConvNet network, TrainingSet<float> data)
    {
        TensorInfo weight = BorderConvNet.Tensors.Single(tensor => tensor.Layer == 0 && tensor.Role == TensorRole.Weight);
        float[] torch = ReferenceLayouts.TorchOrder(network.Parameters.Slice(weight.Offset, weight.Length).ToArray(), 4, 1, 3);
        var geometry = new ScalarConvReference.Geometry(1, Side, Side, 4, 3, 1, 1, 1, 1, 1, 1, 1);
        int count = data.Inputs.Length / (Side * Side);
        double[] y = ScalarConvReference.Forward(geometry, data.Inputs, torch, [], hasBias: false, count);
        var alive = new bool[4];
        for (int n = 0; n < count; n++)
        {
            for (int f = 0; f < 4; f++)
            {
                for (int oy = 0; oy < Side; oy++)
                {
                    for (int ox = 0; ox < Side; ox++)
                    {
                        double value = y[geometry.OutputIndex(n, f, oy, ox)];
                        bool border = oy == 0 || ox == 0 || oy == Side - 1 || ox == Side - 1;
                        Assert.True(!border || value == 0, $"sample {n} filter {f} ({oy}, {ox}): {value}");
                        alive[f] |= value > 0;
                    }
                }
            }
        }

        Assert.All(alive, Assert.True);
    }

    /// <summary>Images with pixels uniform in [-1, 1] inside, <paramref name="border"/> rings of zeros around; the target a smooth function of them.</summary>
    private static TrainingSet<float> Images(int count, int seed, int border, int channels = 1, int side = Side)
    {
        var random = new Random(seed);
        int features = channels * side * side;
        float[] inputs = new float[count * features];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            double sum = 0;
            for (int j = 0; j < features; j++)
            {
                int y = j / side % side, x = j % side;
                bool inside = y >= border && x >= border && y < side - border && x < side - border;
                float value = inside ? (float)((random.NextDouble() * 2) - 1) : 0;
                inputs[(i * features) + j] = value;
                sum += value * (j % 2 == 0 ? 1 : -0.5);
            }

            targets[i] = (float)Math.Sin(sum);
        }

        return new TrainingSet<float>(inputs, targets, features);
    }
}
