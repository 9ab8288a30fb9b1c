using System;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Neuroslyn.Samples.FashionMnist;
using Neuroslyn.Training;

// Trains the generated FashionNet on Fashion-MNIST, reports per-epoch loss, throughput and test accuracy, and
// shows a few test predictions. Options: --epochs N (default 20), --batch N (default 64), --data FOLDER.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("Usage: dotnet run --project samples/FashionMnist -c Release -- [--epochs N] [--batch N] [--data FOLDER]");
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
Console.WriteLine($"FashionNet: {FashionNet.InputSize} → 256 → 128 → {FashionNet.OutputSize}, {FashionNet.ParameterCount:N0} parameters, batch {options.BatchSize}, Adam lr {network.LearningRate}.");
Console.WriteLine();

var total = Stopwatch.StartNew();
TrainingResult result = Trainer.Fit(
    network,
    TrainingSet.FromImages(data.Train),
    validation: TrainingSet.FromImages(data.Test),
    new TrainingOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = 42 },
    epochCompleted: epoch => Console.WriteLine(
        $"epoch {epoch.Epoch,2}/{options.Epochs}  loss {epoch.TrainingLoss:F4}  {epoch.Duration.TotalSeconds,5:F1} s  {epoch.SamplesPerSecond,8:N0} samples/s  test accuracy {epoch.ValidationAccuracy:F4}"));
float accuracy = result.Epochs[^1].ValidationAccuracy ?? 0;

Console.WriteLine();
Console.WriteLine($"Trained {options.Epochs} epochs in {total.Elapsed.TotalSeconds:F1} s; test accuracy {accuracy:F4} on {data.Test.Count:N0} images.");
Console.WriteLine();
Console.WriteLine("A few test images:");
Span<float> probabilities = stackalloc float[FashionNet.OutputSize];
for (int i = 0; i < 8; i++)
{
    network.Predict(data.Test.Pixels.AsSpan(i * FashionNet.InputSize, FashionNet.InputSize), probabilities);
    TensorPrimitives.SoftMax(probabilities, probabilities); // the network outputs logits
    int predicted = Classification.PredictedClass(probabilities);
    int actual = data.Test.Labels[i];
    string verdict = predicted == actual ? "right" : "wrong";
    Console.WriteLine($"  #{i}: predicted {FashionNet.ClassNames[predicted],-11} ({probabilities[predicted]:P0})  true {FashionNet.ClassNames[actual],-11}  {verdict}");
}

return 0;
