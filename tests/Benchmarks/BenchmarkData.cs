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

    /// <summary>The seed of the training set's one shuffle (pytorch_bench.py uses the same).</summary>
    public const ulong ShuffleSeed = 7;

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

    /// <summary>The first indices of the shuffled order, which the table compares with PyTorch's to prove the same order.</summary>
    public static string OrderFingerprint => string.Join(",", ShuffledOrder(EpochSamples, ShuffleSeed)[..8]);

    /// <summary>Loads Fashion-MNIST when installed, else makes random data.</summary>
    public static BenchmarkData Load()
    {
        string trainImages = Path.Combine(FashionMnistFolder, "train-images-idx3-ubyte.gz");
        string testImages = Path.Combine(FashionMnistFolder, "t10k-images-idx3-ubyte.gz");
        if (File.Exists(trainImages) && File.Exists(testImages))
        {
            LabeledImages train = LabeledImages.Load(trainImages, Path.Combine(FashionMnistFolder, "train-labels-idx1-ubyte.gz"));
            LabeledImages test = LabeledImages.Load(testImages, Path.Combine(FashionMnistFolder, "t10k-labels-idx1-ubyte.gz"));
            return new BenchmarkData(Shuffle(train, seed: ShuffleSeed), test, FashionMnistFolder);
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

    /// <summary>
    /// Fisher-Yates with SplitMix64, the same permutation peers/pytorch_bench.py computes (its <c>shuffled_order</c>), so
    /// both train on the same batches in the same order from the same weights and their accuracies can be compared.
    /// </summary>
    public static int[] ShuffledOrder(int count, ulong seed)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        ulong state = seed;
        for (int i = count - 1; i > 0; i--)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            int j = (int)(z % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static LabeledImages Shuffle(LabeledImages data, ulong seed)
    {
        int[] order = ShuffledOrder(data.Count, seed);
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
