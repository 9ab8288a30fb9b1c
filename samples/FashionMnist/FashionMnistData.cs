using System;
using System.IO;
using Neuroslyn.Data;

namespace Neuroslyn.Samples.FashionMnist;

/// <summary>Finds and loads Fashion-MNIST: the full set if it is installed, else the subset shipped beside the sample.</summary>
internal sealed record FashionMnistData(LabeledImages Train, LabeledImages Test, string Source, bool IsFullSet)
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>
    /// Loads from <paramref name="folder"/> when given, else from <see cref="DebianFolder"/> when it holds the files,
    /// else from the small real subset in the sample's <c>data</c> folder.
    /// </summary>
    public static FashionMnistData Load(string? folder)
    {
        if (folder is not null)
        {
            return LoadFrom(folder, isFullSet: true);
        }

        if (HasFiles(DebianFolder))
        {
            return LoadFrom(DebianFolder, isFullSet: true);
        }

        return LoadFrom(Path.Combine(AppContext.BaseDirectory, "data"), isFullSet: false);
    }

    private static FashionMnistData LoadFrom(string folder, bool isFullSet)
    {
        if (!HasFiles(folder))
        {
            throw new FileNotFoundException($"{folder} does not hold the four Fashion-MNIST files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz).");
        }

        LabeledImages train = LabeledImages.Load(Path.Combine(folder, "train-images-idx3-ubyte.gz"), Path.Combine(folder, "train-labels-idx1-ubyte.gz"));
        LabeledImages test = LabeledImages.Load(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        return new FashionMnistData(train, test, folder, isFullSet);
    }

    private static bool HasFiles(string folder)
        => File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz")) && File.Exists(Path.Combine(folder, "train-labels-idx1-ubyte.gz"))
           && File.Exists(Path.Combine(folder, "t10k-images-idx3-ubyte.gz")) && File.Exists(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
}
