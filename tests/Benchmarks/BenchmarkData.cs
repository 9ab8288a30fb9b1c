using System;
using System.IO;
using Neuroslyn.Data;

namespace Neuroslyn.Benchmarks;

/// <summary>
/// Training data for W3 and the monitor benchmark: Fashion-MNIST from Debian's dataset-fashion-mnist when installed,
/// else random pixels and labels of the same shape (the speed is the same; only the accuracy needs the real set).
/// The training samples are shuffled once with a fixed seed, so an epoch is a run of contiguous batches and the
/// timed loop does no copying.
/// </summary>
public sealed class BenchmarkData
{
    /// <summary>Where Debian's package puts the files.</summary>
    public const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Samples in an epoch: the size of Fashion-MNIST's training set.</summary>
    public const int EpochSamples = 60_000;

    private BenchmarkData(LabeledImages train, LabeledImages? test, string source)
        => (Train, Test, Source) = (train, test, source);

    /// <summary>The shuffled training set.</summary>
    public LabeledImages Train { get; }

    /// <summary>The test set; null with random data.</summary>
    public LabeledImages? Test { get; }

    /// <summary>Where the data came from.</summary>
    public string Source { get; }

    /// <summary>Loads Fashion-MNIST when installed, else makes random data.</summary>
    public static BenchmarkData Load()
    {
        string trainImages = Path.Combine(FashionMnistFolder, "train-images-idx3-ubyte.gz");
        string testImages = Path.Combine(FashionMnistFolder, "t10k-images-idx3-ubyte.gz");
        if (File.Exists(trainImages) && File.Exists(testImages))
        {
            LabeledImages train = LabeledImages.Load(trainImages, Path.Combine(FashionMnistFolder, "train-labels-idx1-ubyte.gz"));
            LabeledImages test = LabeledImages.Load(testImages, Path.Combine(FashionMnistFolder, "t10k-labels-idx1-ubyte.gz"));
            return new BenchmarkData(Shuffle(train, seed: 7), test, FashionMnistFolder);
        }

        var random = new Random(7);
        var pixels = new float[EpochSamples * 784];
        var labels = new int[EpochSamples];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.NextSingle();
        }

        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = random.Next(10);
        }

        return new BenchmarkData(new LabeledImages(EpochSamples, 28, 28, pixels, labels), null, "random data (Fashion-MNIST not installed)");
    }

    private static LabeledImages Shuffle(LabeledImages data, int seed)
    {
        int[] order = new int[data.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        int features = data.Features;
        var pixels = new float[data.Pixels.Length];
        var labels = new int[data.Count];
        for (int i = 0; i < order.Length; i++)
        {
            data.Pixels.AsSpan(order[i] * features, features).CopyTo(pixels.AsSpan(i * features));
            labels[i] = data.Labels[order[i]];
        }

        return new LabeledImages(data.Count, data.Rows, data.Columns, pixels, labels);
    }
}
