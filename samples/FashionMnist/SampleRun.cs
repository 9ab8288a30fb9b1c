using System;
using System.Diagnostics;
using System.Linq;
using System.Numerics.Tensors;
using Neuroslyn.Training;
using Neuroslyn.Weights;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>
/// The sample's run for either network: trains it with the monitor on, reports per-epoch loss, throughput and test
/// accuracy, shows a few test predictions, saves the weights as safetensors and plots the run as a PNG.
/// </summary>
internal static class SampleRun
{
    /// <returns>The process's exit code: 0, or 1 when the plot could not be written (the weights are saved).</returns>
    public static int Train<TNet>(SampleOptions options, FashionMnistData data, bool cosineDecay)
        where TNet : ICompiledNetwork<TNet>, ITrainableNetwork<int>, new()
    {
        var network = new TNet(); // the seed its declaration gives
        Console.WriteLine($"{typeof(TNet).Name}: {Describe<TNet>()}");
        Console.WriteLine($"{TNet.ParameterCount:N0} parameters, batch {options.BatchSize}, Adam lr {network.LearningRate}, {options.Threads} training thread(s).");
        Console.WriteLine();

        // The training monitor watches every step and reports hazards under the analyzers' rule ids (see the README).
        var monitor = new TrainingMonitor();
        var trainingSet = TrainingSet.FromImages(data.Train);
        var testSet = TrainingSet.FromImages(data.Test);
        var trainingOptions = new TrainingOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Seed = 42,
            Threads = options.Threads,
            // Cosine decay from the declared rate towards 0 over the run (PyTorch's CosineAnnealingLR, per epoch): the
            // last epochs take small steps, which is worth about half a point of test accuracy here.
            LearningRateSchedule = cosineDecay ? (epoch, initial) => initial * 0.5f * (1 + MathF.Cos(MathF.PI * (epoch - 1) / options.Epochs)) : null,
        };
        var total = Stopwatch.StartNew();
        TrainingResult result = TrainingDisplay.Run(options.Epochs, (progress, epochCompleted) => Trainer.Fit(
            network, trainingSet, testSet, trainingOptions, progress, epochCompleted, monitor));
        float accuracy = result.Epochs[^1].ValidationAccuracy ?? 0;

        Console.WriteLine();
        Console.WriteLine($"Trained {result.Epochs.Count} epochs in {total.Elapsed.TotalSeconds:F1} s; test accuracy {accuracy:F4} on {data.Test.Count:N0} images.");
        Console.WriteLine(monitor.Findings.Count == 0
            ? "Training monitor: no findings."
            : $"Training monitor: {monitor.Findings.Count} finding(s){(result.HaltedBy is null ? string.Empty : ", training stopped")}:");
        foreach (TrainingFinding finding in monitor.Findings)
        {
            Console.WriteLine($"  epoch {finding.Epoch}: {finding}");
        }

        Console.WriteLine();
        Console.WriteLine("A few test images:");
        // Training is over: an immutable copy for inference, its weight panels packed once (bit-identical outputs).
        IFrozenNetwork predictor = network.Freeze();
        Span<float> probabilities = stackalloc float[TNet.OutputSize];
        for (int i = 0; i < 8; i++)
        {
            predictor.Predict(data.Test.Pixels.AsSpan(i * TNet.InputSize, TNet.InputSize), probabilities);
            TensorPrimitives.SoftMax(probabilities, probabilities); // the network outputs logits
            int predicted = Classification.PredictedClass(probabilities);
            int actual = data.Test.Labels[i];
            string verdict = predicted == actual ? "right" : "wrong";
            Console.WriteLine($"  #{i}: predicted {FashionNet.ClassNames[predicted],-11} ({probabilities[predicted]:P0})  true {FashionNet.ClassNames[actual],-11}  {verdict}");
        }

        // The weights, with PyTorch's state_dict names, for samples that only run inference (and for PyTorch itself).
        WeightFile.Save(network, options.SavePath);
        Console.WriteLine();
        Console.WriteLine($"Weights saved to {options.SavePath}");

        // The plot comes after the weights on purpose: whatever stops it (a folder that cannot be written, a native
        // graphics library that does not load on this platform) is reported here, and the trained weights are on disk.
        try
        {
            TrainingPlot.Save(options.PlotPath, result.Epochs, monitor.Epochs, TNet.Tensors);
            Console.WriteLine($"Training plot saved to {options.PlotPath}");
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"Training plot not saved to {options.PlotPath}: {error.GetBaseException().Message.TrimEnd('.')}. The trained weights are saved (above).");
            return 1;
        }

        return 0;
    }

    /// <summary>"1×28×28 → Conv2D(16, 3, Linear) → ... → 10": the input shape and each layer as the runtime names it.</summary>
    private static string Describe<TNet>()
        where TNet : ICompiledNetwork<TNet>
        => string.Join(" → ", TNet.Layers.Select(layer => layer.Description).Prepend(string.Join("×", TNet.Layers[0].InputShape)));
}
