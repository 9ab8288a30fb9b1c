using System;
using System.Collections.Generic;
using System.IO;

namespace Neuroslyn.Data;

/// <summary>
/// A set of grey-level images with one integer label each, such as MNIST or Fashion-MNIST: the pixels scaled to
/// [0, 1] and flattened, ready to feed a network whose input has <see cref="Features"/> values.
/// </summary>
public sealed class LabeledImages
{
    /// <summary>Wraps images and labels that are already in memory.</summary>
    /// <param name="count">The number of images.</param>
    /// <param name="rows">The height of each image.</param>
    /// <param name="columns">The width of each image.</param>
    /// <param name="pixels">Count × rows × columns values, image after image, each row-major.</param>
    /// <param name="labels">One label per image.</param>
    /// <exception cref="ArgumentException">The sizes do not agree with the lengths of the arrays.</exception>
    public LabeledImages(int count, int rows, int columns, float[] pixels, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if ((long)count * rows * columns != pixels.Length)
            throw new ArgumentException($"{count} images of {rows} × {columns} need {(long)count * rows * columns} pixels but {pixels.Length} were given.", nameof(pixels));
        if (labels.Length != count)
            throw new ArgumentException($"{count} images need {count} labels but {labels.Length} were given.", nameof(labels));
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>The number of images (and labels).</summary>
    public int Count { get; }

    /// <summary>The height of each image, in pixels.</summary>
    public int Rows { get; }

    /// <summary>The width of each image, in pixels.</summary>
    public int Columns { get; }

    /// <summary>The number of values per image: <see cref="Rows"/> × <see cref="Columns"/>.</summary>
    public int Features => Rows * Columns;

    /// <summary>
    /// <see cref="Count"/> × <see cref="Rows"/> × <see cref="Columns"/> values, image after image, each row-major;
    /// a stored byte <c>b</c> becomes <c>b / 255f</c>.
    /// </summary>
    public float[] Pixels { get; }

    /// <summary>The label of each image.</summary>
    public int[] Labels { get; }

    /// <summary>
    /// Reads an IDX file of unsigned-byte images (count × rows × columns) and an IDX file of unsigned-byte labels
    /// (count), each optionally gzip-compressed, as in the MNIST and Fashion-MNIST distributions.
    /// </summary>
    /// <param name="imagesPath">The images file, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
    /// <param name="labelsPath">The labels file, e.g. <c>train-labels-idx1-ubyte.gz</c>.</param>
    /// <returns>The images, scaled to [0, 1], with their labels.</returns>
    /// <exception cref="InvalidDataException">
    /// A file is not valid IDX, the images are not 3-dimensional, the labels not 1-dimensional, or their counts differ.
    /// </exception>
    public static LabeledImages Load(string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        string imagesName = Path.GetFileName(imagesPath);
        string labelsName = Path.GetFileName(labelsPath);

        IdxArray images = IdxReader.Read(imagesPath);
        if (images.Dimensions.Count != 3)
            throw new InvalidDataException($"{imagesName}: expected images, a 3-dimensional IDX file (count × rows × columns), but the file has {Describe(images.Dimensions)}.");
        IdxArray labels = IdxReader.Read(labelsPath);
        if (labels.Dimensions.Count != 1)
            throw new InvalidDataException($"{labelsName}: expected labels, a 1-dimensional IDX file (count), but the file has {Describe(labels.Dimensions)}.");

        int count = images.Dimensions[0];
        if (labels.Dimensions[0] != count)
            throw new InvalidDataException($"{imagesName} holds {count} images but {labelsName} holds {labels.Dimensions[0]} labels; the counts must match.");

        byte[] bytes = images.Data;
        float[] pixels = new float[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            pixels[i] = bytes[i] / 255f;

        byte[] labelBytes = labels.Data;
        int[] labelValues = new int[labelBytes.Length];
        for (int i = 0; i < labelBytes.Length; i++)
            labelValues[i] = labelBytes[i];

        return new LabeledImages(count, images.Dimensions[1], images.Dimensions[2], pixels, labelValues);
    }

    private static string Describe(IReadOnlyList<int> dimensions) =>
        $"{dimensions.Count} dimension{(dimensions.Count == 1 ? "" : "s")} ({string.Join(" × ", dimensions)})";
}
