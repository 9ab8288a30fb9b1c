using System;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Neuroslyn.Samples.FashionMnist;
using Neuroslyn.Training;
using Neuroslyn.Weights;

// Trains the generated FashionNet on Fashion-MNIST, reports per-epoch loss, throughput and test accuracy, and
// shows a few test predictions, saves the trained weights as safetensors and plots the run as a PNG. Options:
// --epochs N (default 20), --batch N (default 64), --data FOLDER, --save FILE (default fashionnet.safetensors beside
// the program), --plot FILE (default fashionnet-training.png beside the weights). --threads N (default: 2 where there are two cores).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("Usage: dotnet run --project samples/FashionMnist -c Release -- [--epochs N] [--batch N] [--data FOLDER] [--save FILE] [--plot FILE] [--threads N]");
    return 2;
}

FashionMnistData data = FashionMnistData.Load(options.DataFolder);
Console.WriteLine($"Fashion-MNIST from {data.Source}: {data.Train.Count:N0} training and {data.Test.Count:N0} test images.");
if (!data.IsFullSet)
{
    Console.WriteLine("This is the small subset shipped with the sample. For the full set (60,000 + 10,000 images):");
    Console.WriteLine($"  sudo apt-get install dataset-fashion-mnist    (installs to {FashionMnistData.DebianFolder})");
    Console.WriteLine("  or pass --data FOLDER with the four IDX .gz files from https://github.com/zalandoresearch/fashion-mnist");
}

var network = new FashionNet();
Console.WriteLine($"FashionNet: {FashionNet.InputSize} → 256 → 128 → {FashionNet.OutputSize}, {FashionNet.ParameterCount:N0} parameters, batch {options.BatchSize}, Adam lr {network.LearningRate}, {options.Threads} training thread(s).");
Console.WriteLine();

// The training monitor watches every step and reports hazards under the analyzers' rule ids (see the README).
var monitor = new TrainingMonitor();
var trainingSet = TrainingSet.FromImages(data.Train);
var testSet = TrainingSet.FromImages(data.Test);
var trainingOptions = new TrainingOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = 42, Threads = options.Threads };
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
FashionNet.Frozen predictor = network.Freeze();
Span<float> probabilities = stackalloc float[FashionNet.OutputSize];
for (int i = 0; i < 8; i++)
{
    predictor.Predict(data.Test.Pixels.AsSpan(i * FashionNet.InputSize, FashionNet.InputSize), probabilities);
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

// The plot comes after the weights on purpose: whatever stops it (a folder that cannot be written, a native graphics
// library that does not load on this platform) is reported here, and the trained weights are already on disk.
try
{
    TrainingPlot.Save(options.PlotPath, result.Epochs, monitor.Epochs, FashionNet.Tensors);
    Console.WriteLine($"Training plot saved to {options.PlotPath}");
}
catch (Exception error)
{
    Console.Error.WriteLine($"Training plot not saved to {options.PlotPath}: {error.GetBaseException().Message.TrimEnd('.')}. The trained weights are saved (above).");
    return 1;
}

return 0;
