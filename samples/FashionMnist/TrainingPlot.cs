using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Training;
using ScottPlot;
using SkiaSharp;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>
/// Draws a training run as one PNG (ScottPlot): the loss per epoch (training and test), the test accuracy per epoch,
/// and the weight-gradient norm of each Dense layer per epoch as the <see cref="TrainingMonitor"/> measured it.
/// </summary>
internal static class TrainingPlot
{
    private const int PanelWidth = 560;
    private const int Height = 460;

    // ScottPlot's own sans-serif detection settles on DejaVu Serif on Debian, where Skia's default face is a serif
    // one; prefer a sans-serif family that is installed, and keep ScottPlot's choice when none of these is.
    private static readonly string[] SansSerifFamilies = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI"];

    /// <summary>Writes the plot to <paramref name="path"/> as a PNG; throws if it cannot be drawn or written.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="epochs">The trainer's per-epoch results (losses, accuracy).</param>
    /// <param name="reports">The monitor's per-epoch reports (gradient norms), one per epoch in <paramref name="epochs"/>.</param>
    /// <param name="tensors">The network's tensors, to name each gradient-norm line after its weight and shape.</param>
    public static void Save(string path, IReadOnlyList<EpochResult> epochs, IReadOnlyList<MonitorEpochReport> reports, IReadOnlyList<TensorInfo> tensors)
    {
        string? family = SansSerifFamilies.FirstOrDefault(SKFontManager.Default.FontFamilies.Contains);
        if (family is not null)
        {
            Fonts.Default = family;
        }

        var figure = new Multiplot();
        figure.AddPlots(3);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        DrawLoss(figure.GetPlot(0), epochs);
        DrawAccuracy(figure.GetPlot(1), epochs);
        DrawGradientNorms(figure.GetPlot(2), reports, tensors);
        figure.SavePng(path, 3 * PanelWidth, Height);
    }

    private static void DrawLoss(Plot plot, IReadOnlyList<EpochResult> epochs)
    {
        // The labels say when each loss is taken: early on the training mean, over a network that is still learning,
        // sits above the test loss measured at the epoch's end.
        AddLine(plot, epochs.Select(epoch => (epoch.Epoch, (double)epoch.TrainingLoss)), "training (epoch mean)");
        AddLine(plot, epochs.Where(epoch => epoch.ValidationLoss is not null).Select(epoch => (epoch.Epoch, (double)epoch.ValidationLoss!.Value)), "test (end of epoch)");
        Style(plot, "Loss per epoch", "mean cross-entropy");
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void DrawAccuracy(Plot plot, IReadOnlyList<EpochResult> epochs)
    {
        // One line, named by the title: no legend entry (ScottPlot shows a legend for any labelled line).
        AddLine(plot, epochs.Where(epoch => epoch.ValidationAccuracy is not null).Select(epoch => (epoch.Epoch, (double)epoch.ValidationAccuracy!.Value)), label: null);
        Style(plot, "Test accuracy per epoch", "share classified right");
    }

    private static void DrawGradientNorms(Plot plot, IReadOnlyList<MonitorEpochReport> reports, IReadOnlyList<TensorInfo> tensors)
    {
        // One line per weight matrix (Dropout has none): the monitor's mean L2 norm of its gradient over the epoch's
        // sampled steps, named as in the weight file and PyTorch (0.weight [256, 784]).
        foreach (TensorInfo weight in tensors.Where(tensor => tensor.Role == TensorRole.Weight))
        {
            var points = reports
                .Select(report => (report.Epoch, Norm: report.Layers[weight.Layer].GradientNorm))
                .Where(point => point.Norm is not null)
                .Select(point => (point.Epoch, point.Norm!.Value))
                .ToArray();
            if (points.Length > 0)
            {
                AddLine(plot, points, $"{weight.Name} [{string.Join(", ", weight.Shape)}]");
            }
        }

        Style(plot, "Weight-gradient L2 norm per layer", "mean norm over sampled steps");
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>A line with markers (so a one-epoch run still shows its point); non-finite values are left out,
    /// so that a run the monitor stopped for NaN still gets a plot.</summary>
    private static void AddLine(Plot plot, IEnumerable<(int Epoch, double Value)> points, string? label)
    {
        (int Epoch, double Value)[] finite = points.Where(point => double.IsFinite(point.Value)).ToArray();
        if (finite.Length == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(finite.Select(point => (double)point.Epoch).ToArray(), finite.Select(point => point.Value).ToArray());
        if (label is not null)
        {
            line.LegendText = label;
        }

        line.LineWidth = 2;
        line.MarkerSize = 6;
    }

    private static void Style(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        // Epochs are whole numbers: no tick at 2.5.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
    }
}
