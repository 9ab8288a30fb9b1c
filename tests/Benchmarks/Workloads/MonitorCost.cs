using System;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;
using Neuroslyn.Training;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// Monitor cost: one training step (batch 64) of the sample's FashionNet shape with a <see cref="TrainingMonitor"/>
/// attached, as <see cref="Trainer"/> runs it (ComputeGradients, AfterGradients, ApplyGradients, AfterStep, and
/// EndEpoch once per 60,000 samples), against the same network declared without <c>Monitor = true</c> and plain
/// TrainBatch. The overhead is the ratio of the two.
/// </summary>
[BenchmarkCategory("Monitor")]
public class MonitorCost
{
    /// <summary>Samples per batch (the sample's default).</summary>
    public const int Batch = 64;

    private const int StepsPerEpoch = BenchmarkData.EpochSamples / Batch;

    private BenchmarkData _data = null!;
    private MonitoredFashionNet _monitored = null!;
    private PlainFashionNet _plain = null!;
    private TrainingMonitor _monitor = null!;
    private int _monitoredStep;
    private int _plainStep;

    /// <summary>Loads the data, attaches the monitor and runs one step of each so buffers exist before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Load();
        _monitored = new MonitoredFashionNet();
        _plain = new PlainFashionNet();
        _monitor = new TrainingMonitor();
        _monitor.Attach(_monitored);
        if (!_monitor.SeesForwardPass)
        {
            throw new InvalidOperationException("The monitor does not see MonitoredFashionNet's forward pass: Monitor = true had no effect.");
        }

        MonitoredStep();
        PlainStep();
    }

    /// <summary>Without the monitor: TrainBatch on the next batch.</summary>
    [Benchmark(Baseline = true)]
    public float PlainStep()
    {
        int start = _plainStep++ % StepsPerEpoch * Batch;
        return _plain.TrainBatch(Inputs(start), Labels(start));
    }

    /// <summary>With the monitor attached: the step as the trainer runs it.</summary>
    [Benchmark]
    public float MonitoredStep()
    {
        int step = _monitoredStep++ % StepsPerEpoch;
        int start = step * Batch;
        float loss = _monitored.ComputeGradients(Inputs(start), Labels(start));
        // A halted monitor would skip the optimizer step and make the monitored case look cheap: fail instead.
        if (!_monitor.AfterGradients(_monitored, loss))
        {
            throw new InvalidOperationException($"The monitor halted training: {_monitor.HaltedBy}");
        }

        _monitored.ApplyGradients();
        _monitor.AfterStep(_monitored);

        if (step == StepsPerEpoch - 1)
        {
            _monitor.EndEpoch();
        }

        return loss;
    }

    private ReadOnlySpan<float> Inputs(int start) => _data.Train.Pixels.AsSpan(start * MonitoredFashionNet.InputSize, Batch * MonitoredFashionNet.InputSize);

    private ReadOnlySpan<int> Labels(int start) => _data.Train.Labels.AsSpan(start, Batch);
}
