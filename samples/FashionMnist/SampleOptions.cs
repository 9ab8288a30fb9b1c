using System;
using System.Globalization;
using System.IO;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions(int Epochs, int BatchSize, string? DataFolder, string SavePath, string? PlotFile, int Threads)
{
    /// <summary>
    /// Training threads unless <c>--threads</c> says otherwise: two where there are two cores (the result is the same
    /// on any number of threads; more than two was not measured).
    /// </summary>
    public static int DefaultThreads => Math.Min(Environment.ProcessorCount, 2);

    /// <summary>Where the trained weights go unless <c>--save</c> says otherwise: beside the program (bin/...).</summary>
    public static string DefaultSavePath => Path.Combine(AppContext.BaseDirectory, "fashionnet.safetensors");

    /// <summary>
    /// Where the training plot goes: <c>--plot FILE</c>, else beside the weights file with its name and
    /// <c>-training.png</c> (<c>fashionnet-training.png</c>), wherever <c>--save</c> put them.
    /// </summary>
    public string PlotPath => PlotFile ?? Path.Combine(Path.GetDirectoryName(SavePath) ?? ".", Path.GetFileNameWithoutExtension(SavePath) + "-training.png");

    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions(Epochs: 20, BatchSize: 64, DataFolder: null, SavePath: DefaultSavePath, PlotFile: null, Threads: DefaultThreads);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, value) },
                "--batch" => options with { BatchSize = Positive(name, value) },
                "--data" => options with { DataFolder = value },
                "--save" => options with { SavePath = Path.GetFullPath(value) },
                "--plot" => options with { PlotFile = Path.GetFullPath(value) },
                "--threads" => options with { Threads = Positive(name, value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number > 0
            ? number
            : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");
}
