using System;
using Neuroslyn.Training;
using Spectre.Console;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>
/// Shows training as it runs: a live progress bar per epoch (Spectre.Console) with loss, accuracy and samples/s on a
/// terminal; one plain line per epoch when the output is redirected to a file or a pipe.
/// </summary>
internal static class TrainingDisplay
{
    /// <summary>Runs <paramref name="train"/>, giving it the progress sink and the per-epoch callback to use.</summary>
    public static TrainingResult Run(int epochs, Func<IProgress<TrainingProgress>, Action<EpochResult>, TrainingResult> train)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return train(new Ignore(), epoch => Console.WriteLine(PlainLine(epoch, epochs)));
        }

        TrainingResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                int taskEpoch = 0;
                var progress = new Immediate(report =>
                {
                    if (task is null || report.Epoch != taskEpoch)
                    {
                        task = context.AddTask(Describe(report.Epoch, epochs, "starting"), maxValue: report.Batches);
                        taskEpoch = report.Epoch;
                    }

                    task.Value = report.Batch;
                    task.Description = Describe(report.Epoch, epochs, $"loss {report.Loss:F4}  {report.SamplesPerSecond,8:N0} samples/s");
                });
                result = train(progress, epoch =>
                {
                    if (task is not null)
                    {
                        task.Description = Describe(epoch.Epoch, epochs, $"loss {epoch.TrainingLoss:F4}  {epoch.SamplesPerSecond,8:N0} samples/s  test accuracy {epoch.ValidationAccuracy:F4}");
                        task.StopTask();
                    }
                });
            });
        return result!;
    }

    private static string Describe(int epoch, int epochs, string text) => Markup.Escape($"epoch {epoch,2}/{epochs}  {text}");

    private static string PlainLine(EpochResult epoch, int epochs)
        => $"epoch {epoch.Epoch,2}/{epochs}  loss {epoch.TrainingLoss:F4}  {epoch.Duration.TotalSeconds,5:F1} s  {epoch.SamplesPerSecond,8:N0} samples/s  test accuracy {epoch.ValidationAccuracy:F4}";

    /// <summary>Reports on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Immediate(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    private sealed class Ignore : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
        }
    }
}
