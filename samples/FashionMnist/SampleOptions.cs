using System;
using System.Globalization;
using System.IO;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>Which of the sample's networks to train.</summary>
internal enum SampleModel
{
    /// <summary>The convolutional <see cref="FashionNet"/>, which the inference service serves.</summary>
    Cnn,

    /// <summary>The multilayer perceptron <see cref="FashionMlp"/>.</summary>
    Mlp,

    /// <summary>The small ResNet <see cref="FashionResNet"/>, with residual blocks.</summary>
    ResNet,
}

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions(SampleModel Model, int? EpochCount, int BatchSize, string? DataFolder, string? SaveFile, string? PlotFile, int? ThreadCount)
{
    /// <summary>
    /// Epochs unless <c>--epochs</c> says otherwise: 10 for the CNN and the ResNet (test accuracy levels off there, and
    /// the CNN's full set takes under 3 minutes on two cores), 20 for the MLP, which is faster per epoch and slower to
    /// converge.
    /// </summary>
    public int Epochs => EpochCount ?? (Model == SampleModel.Mlp ? 20 : 10);

    /// <summary>
    /// Training threads unless <c>--threads</c> says otherwise (the result is the same on any number). The MLP uses two
    /// where there are two cores. The CNN uses one: on 2026-12-03 (AMD EPYC Zen 4, 2 cores) an epoch took 20.4-22.2 s on
    /// two threads and 17.2 s on one, because its small convolutions and the per-pixel layers between them do not pay
    /// for sharing the work; making them scale is the convolution kernels' next step. The ResNet's layers are as small.
    /// </summary>
    public int Threads => ThreadCount ?? (Model == SampleModel.Mlp ? Math.Min(Environment.ProcessorCount, 2) : 1);

    /// <summary>
    /// Where the trained weights go: <c>--save FILE</c>, else beside the program (bin/...) as
    /// <c>fashionnet.safetensors</c> (the CNN, which the inference service reads), <c>fashionmlp.safetensors</c> or
    /// <c>fashionresnet.safetensors</c>.
    /// </summary>
    public string SavePath => SaveFile ?? Path.Combine(AppContext.BaseDirectory, Model switch
    {
        SampleModel.Mlp => "fashionmlp.safetensors",
        SampleModel.ResNet => "fashionresnet.safetensors",
        _ => "fashionnet.safetensors",
    });

    /// <summary>
    /// Where the training plot goes: <c>--plot FILE</c>, else beside the weights file with its name and
    /// <c>-training.png</c> (<c>fashionnet-training.png</c>), wherever <c>--save</c> put them.
    /// </summary>
    public string PlotPath => PlotFile ?? Path.Combine(Path.GetDirectoryName(SavePath) ?? ".", Path.GetFileNameWithoutExtension(SavePath) + "-training.png");

    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions(SampleModel.Cnn, EpochCount: null, BatchSize: 64, DataFolder: null, SaveFile: null, PlotFile: null, ThreadCount: null);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--model" => options with { Model = ModelNamed(value) },
                "--epochs" => options with { EpochCount = Positive(name, value) },
                "--batch" => options with { BatchSize = Positive(name, value) },
                "--data" => options with { DataFolder = value },
                "--save" => options with { SaveFile = Path.GetFullPath(value) },
                "--plot" => options with { PlotFile = Path.GetFullPath(value) },
                "--threads" => options with { ThreadCount = Positive(name, value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static SampleModel ModelNamed(string value) => value.ToLowerInvariant() switch
    {
        "cnn" => SampleModel.Cnn,
        "mlp" => SampleModel.Mlp,
        "resnet" => SampleModel.ResNet,
        _ => throw new ArgumentException($"--model takes cnn (the convolutional network, the default), resnet (a small ResNet with residual blocks) or mlp (the multilayer perceptron), not '{value}'."),
    };

    private static int Positive(string name, string value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");
}
