using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace Neuroslyn.Training;

/// <summary>
/// The training loop any generated network can use: epochs of seeded mini-batches, validation in inference
/// mode, early stopping, progress reports and cancellation (Keras' <c>fit</c>, in one call).
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> on <paramref name="training"/>.</summary>
    /// <param name="network">The network; its parameters change in place.</param>
    /// <param name="training">The training samples.</param>
    /// <param name="validation">Samples to measure after each epoch (loss, and accuracy for class indices); optional.</param>
    /// <param name="options">Epochs, batch size, seed, early stopping; defaults when null.</param>
    /// <param name="progress">Receives <see cref="TrainingProgress"/> every <see cref="TrainingOptions.ProgressInterval"/> batches.</param>
    /// <param name="epochCompleted">Called with each epoch's result as soon as it is known.</param>
    /// <param name="monitor">Watches every step for training hazards (see <see cref="TrainingMonitor"/>) and stops training
    /// at its <see cref="MonitorOptions.StopAt"/> severity, before the offending step is applied; optional.</param>
    /// <param name="cancellationToken">Checked before every mini-batch; cancelling throws <see cref="OperationCanceledException"/>
    /// and leaves the network as the last completed step left it.</param>
    /// <exception cref="ArgumentException">The sets do not fit the network, or early stopping has no validation set.</exception>
    public static TrainingResult Fit<TNet, TTarget>(
        TNet network,
        TrainingSet<TTarget> training,
        TrainingSet<TTarget>? validation = null,
        TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null,
        Action<EpochResult>? epochCompleted = null,
        TrainingMonitor? monitor = null,
        CancellationToken cancellationToken = default)
        where TNet : ICompiledNetwork<TNet>, ITrainableNetwork<TTarget>
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        options ??= new TrainingOptions();
        CheckFits<TNet, TTarget>(training, nameof(training));
        if (validation is not null)
        {
            CheckFits<TNet, TTarget>(validation, nameof(validation));
        }
        else if (options.EarlyStoppingPatience > 0)
        {
            throw new ArgumentException("Early stopping watches the validation loss: pass a validation set, or set EarlyStoppingPatience to 0.", nameof(validation));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Epochs);
        if (options.Threads < 1 || options.Threads > Kernels.KernelThreads.MaxThreads)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, $"TrainingOptions.Threads must be 1 to {Kernels.KernelThreads.MaxThreads}.");
        }

        var batches = new MiniBatches<TTarget>(training, options.BatchSize, options.Seed, options.Shuffle);
        var epochs = new List<EpochResult>(options.Epochs);
        var best = new BestState();
        int sinceImprovement = 0;
        bool stoppedEarly = false;
        int threads = network.TrainingThreads;
        float learningRate = network.LearningRate;
        network.TrainingThreads = options.Threads;
        monitor?.Attach(network);
        try
        {
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                if (options.LearningRateSchedule is { } schedule)
                {
                    network.LearningRate = ScheduledRate(schedule, epoch, learningRate);
                }

                EpochResult result = RunEpoch<TNet, TTarget>(network, batches, validation, epoch, options, progress, monitor, cancellationToken);
                epochs.Add(result);
                epochCompleted?.Invoke(result);
                if (monitor is not null && !monitor.EndEpoch(result.TrainingLoss))
                {
                    break;
                }

                float score = result.ValidationLoss ?? float.NaN;
                if (best.Epoch == 0 || validation is null || score < best.Loss - options.MinimumImprovement)
                {
                    best.Remember(epoch, score, network, keepCopy: options.EarlyStoppingPatience > 0 && options.RestoreBestParameters);
                    sinceImprovement = 0;
                }
                else if (options.EarlyStoppingPatience > 0 && ++sinceImprovement >= options.EarlyStoppingPatience)
                {
                    stoppedEarly = epoch < options.Epochs;
                    break;
                }
            }
        }
        finally
        {
            monitor?.Detach(network);
            network.TrainingThreads = threads;
            network.LearningRate = learningRate;
        }

        if (options.EarlyStoppingPatience > 0 && options.RestoreBestParameters)
        {
            best.Restore(network);
        }

        return new TrainingResult(epochs, best.Epoch, stoppedEarly) { HaltedBy = monitor?.HaltedBy };
    }

    private static float ScheduledRate(Func<int, float, float> schedule, int epoch, float initial)
    {
        float rate = schedule(epoch, initial);
        return float.IsFinite(rate) && rate >= 0
            ? rate
            : throw new ArgumentOutOfRangeException(nameof(TrainingOptions.LearningRateSchedule), rate, $"TrainingOptions.LearningRateSchedule gave {rate} for epoch {epoch}; a learning rate is a finite number, 0 or more.");
    }

    private static EpochResult RunEpoch<TNet, TTarget>(
        TNet network, MiniBatches<TTarget> batches, TrainingSet<TTarget>? validation, int epoch, TrainingOptions options,
        IProgress<TrainingProgress>? progress, TrainingMonitor? monitor, CancellationToken cancellationToken)
        where TNet : ICompiledNetwork<TNet>, ITrainableNetwork<TTarget>
        where TTarget : unmanaged
    {
        batches.NextEpoch();
        var watch = Stopwatch.StartNew();
        double lossSum = 0;
        int samples = 0;
        int done = 0;
        for (int b = 0; b < batches.Count; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (ReadOnlyMemory<float> inputs, ReadOnlyMemory<TTarget> targets) = batches.Batch(b);
            float loss;
            bool halted = false;
            if (monitor is null)
            {
                loss = network.TrainBatch(inputs.Span, targets.Span);
            }
            else
            {
                // The monitor looks between backpropagation and the optimizer step, so a bad step is never applied
                // (nor counted).
                loss = network.ComputeGradients(inputs.Span, targets.Span);
                if (!monitor.AfterGradients(network, loss))
                {
                    break;
                }

                network.ApplyGradients();
                halted = !monitor.AfterStep(network);
            }

            lossSum += loss;
            done++;
            samples += inputs.Length / TNet.InputSize;
            if (halted)
            {
                break;
            }

            bool report = (b + 1) % Math.Max(1, options.ProgressInterval) == 0 || b + 1 == batches.Count;
            if (progress is not null && report)
            {
                progress.Report(new TrainingProgress(epoch, options.Epochs, b + 1, batches.Count, (float)(lossSum / done), samples / watch.Elapsed.TotalSeconds));
            }
        }

        watch.Stop();
        float? validationLoss = null, validationAccuracy = null;
        if (validation is not null)
        {
            validationLoss = network.ComputeLoss(validation.Inputs, validation.Targets);
            if (typeof(TTarget) == typeof(int))
            {
                validationAccuracy = Classification.Accuracy(network, validation.Inputs, MemoryMarshal.Cast<TTarget, int>(validation.Targets.AsSpan()));
            }
        }

        float trainingLoss = done == 0 ? float.NaN : (float)(lossSum / done);
        return new EpochResult(epoch, trainingLoss, validationLoss, validationAccuracy, samples / watch.Elapsed.TotalSeconds, watch.Elapsed);
    }

    private static void CheckFits<TNet, TTarget>(TrainingSet<TTarget> set, string name)
        where TNet : ICompiledNetwork<TNet>
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(set, name);
        if (set.Features != TNet.InputSize)
        {
            throw new ArgumentException($"The {name} set has {set.Features} features per sample; {typeof(TNet).Name} takes {TNet.InputSize}.", name);
        }
    }

    /// <summary>The best epoch so far and, when it may be restored, a copy of its parameters and buffers.</summary>
    private sealed class BestState
    {
        private float[]? _parameters;
        private float[]? _buffers;

        public int Epoch { get; private set; }

        public float Loss { get; private set; } = float.PositiveInfinity;

        public void Remember(int epoch, float loss, INetwork current, bool keepCopy)
        {
            Epoch = epoch;
            Loss = loss;
            if (keepCopy)
            {
                _parameters ??= new float[current.Parameters.Length];
                _buffers ??= new float[current.Buffers.Length];
                current.Parameters.CopyTo(_parameters);
                current.Buffers.CopyTo(_buffers);
            }
        }

        public void Restore(INetwork current)
        {
            if (_parameters is not null && _buffers is not null)
            {
                _parameters.CopyTo(current.Parameters);
                _buffers.CopyTo(current.Buffers);
            }
        }
    }
}
