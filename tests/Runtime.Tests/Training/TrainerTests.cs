using System;
using System.Collections.Generic;
using System.Threading;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Neuroslyn.Training;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Training;

public sealed class TrainerTests
{
    private static TrainingSet<int> RandomSet(int count, int seed)
        => new(TestData.Normal(count * 6, seed), TestData.Labels(count, 4, seed + 1), features: 6);

    /// <summary>A task the network can learn: the class is the index of the largest of the first four features.</summary>
    private static TrainingSet<int> LearnableSet(int count, int seed)
    {
        float[] inputs = TestData.Normal(count * 6, seed);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(inputs.AsSpan(i * 6, 4));
        }

        return new TrainingSet<int>(inputs, labels, features: 6);
    }

    [Fact]
    public void The_same_seed_trains_the_same_network_bit_for_bit()
    {
        float[] Train(int seed)
        {
            var network = new CrossEntropyLogitsNet();
            Trainer.Fit(network, RandomSet(100, 1), options: new TrainingOptions { Epochs = 3, BatchSize = 16, Seed = seed });
            return network.Parameters.ToArray();
        }

        Assert.Equal(Train(5), Train(5));
        Assert.NotEqual(Train(5), Train(6));
    }

    [Fact]
    public void Training_lowers_the_loss_and_reports_every_epoch()
    {
        var network = new CrossEntropyLogitsNet();
        TrainingSet<int> training = LearnableSet(400, 2), validation = LearnableSet(200, 20);
        var seen = new List<EpochResult>();
        TrainingResult result = Trainer.Fit(network, training, validation, new TrainingOptions { Epochs = 30, BatchSize = 16 }, epochCompleted: seen.Add);

        Assert.Equal(30, result.Epochs.Count);
        Assert.Equal(result.Epochs, seen);
        Assert.True(result.Epochs[^1].TrainingLoss < result.Epochs[0].TrainingLoss / 2, $"{result.Epochs[0].TrainingLoss} -> {result.Epochs[^1].TrainingLoss}");
        Assert.True(result.Epochs[^1].ValidationAccuracy > 0.8f, $"validation accuracy {result.Epochs[^1].ValidationAccuracy}; chance is 0.25");
        Assert.False(result.StoppedEarly);
    }

    [Fact]
    public void A_learning_rate_schedule_sets_each_epochs_rate_and_Fit_puts_the_networks_own_back()
    {
        var network = new CrossEntropyLogitsNet { LearningRate = 0.02f };
        var calls = new List<(int Epoch, float Initial)>();
        var during = new List<float>();
        Trainer.Fit(
            network, RandomSet(64, 7),
            options: new TrainingOptions { Epochs = 3, BatchSize = 16, LearningRateSchedule = (epoch, initial) => { calls.Add((epoch, initial)); return initial / epoch; } },
            epochCompleted: _ => during.Add(network.LearningRate));

        Assert.Equal([(1, 0.02f), (2, 0.02f), (3, 0.02f)], calls);
        Assert.Equal([0.02f, 0.01f, 0.02f / 3], during);
        Assert.Equal(0.02f, network.LearningRate);
    }

    [Fact]
    public void A_schedule_of_rate_zero_leaves_the_weights_as_they_were()
    {
        var network = new CrossEntropyLogitsNet();
        float[] before = network.Parameters.ToArray();
        Trainer.Fit(network, RandomSet(64, 8), options: new TrainingOptions { Epochs = 2, BatchSize = 16, LearningRateSchedule = (_, _) => 0f });

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_schedule_that_gives_no_usable_rate_is_refused_with_the_epoch_and_the_rate()
    {
        var network = new CrossEntropyLogitsNet();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(
            network, RandomSet(64, 9), options: new TrainingOptions { Epochs = 3, LearningRateSchedule = (epoch, initial) => epoch == 2 ? float.NaN : initial }));

        Assert.Contains("gave NaN for epoch 2", error.Message);
    }

    [Fact]
    public void Early_stopping_ends_when_validation_stops_improving_and_restores_the_best_epoch()
    {
        // Random labels: the network memorises the training set, so the loss on other random labels soon rises.
        var network = new CrossEntropyLogitsNet();
        TrainingSet<int> training = RandomSet(40, 3), validation = RandomSet(40, 30);
        TrainingResult result = Trainer.Fit(network, training, validation, new TrainingOptions { Epochs = 200, BatchSize = 8, EarlyStoppingPatience = 3 });

        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + 3, result.Epochs.Count);
        float bestLoss = result.Epochs[result.BestEpoch - 1].ValidationLoss!.Value;
        Assert.Equal(bestLoss, network.ComputeLoss(validation.Inputs, validation.Targets));
    }

    [Fact]
    public void Progress_arrives_every_interval_and_at_the_end_of_each_epoch()
    {
        var reports = new List<TrainingProgress>();
        Trainer.Fit(new CrossEntropyLogitsNet(), RandomSet(80, 4), options: new TrainingOptions { Epochs = 2, BatchSize = 16, ProgressInterval = 2 }, progress: new Immediate(reports.Add));

        // 80 samples in batches of 16: 5 batches; reports after batches 2, 4 and 5 of each epoch.
        Assert.Equal([2, 4, 5, 2, 4, 5], reports.ConvertAll(r => r.Batch));
        Assert.All(reports, r => Assert.Equal(5, r.Batches));
        Assert.All(reports, r => Assert.True(r.SamplesPerSecond > 0 && float.IsFinite(r.Loss)));
    }

    [Fact]
    public void Cancelling_stops_before_the_next_batch()
    {
        using var cancellation = new CancellationTokenSource();
        int reports = 0;
        var progress = new Immediate(_ =>
        {
            reports++;
            cancellation.Cancel();
        });

        Assert.Throws<OperationCanceledException>(() => Trainer.Fit(new CrossEntropyLogitsNet(), RandomSet(80, 5), options: new TrainingOptions { BatchSize = 16, ProgressInterval = 1 }, progress: progress, cancellationToken: cancellation.Token));
        Assert.Equal(1, reports);
    }

    [Fact]
    public void Sets_that_do_not_fit_the_network_are_refused_with_the_sizes()
    {
        var wrong = new TrainingSet<int>(new float[10], new int[2], features: 5);
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new CrossEntropyLogitsNet(), wrong));
        Assert.Contains("5 features", error.Message);
        Assert.Contains("takes 6", error.Message);

        error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new CrossEntropyLogitsNet(), RandomSet(10, 6), options: new TrainingOptions { EarlyStoppingPatience = 2 }));
        Assert.Contains("validation set", error.Message);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class Immediate(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
