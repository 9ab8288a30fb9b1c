using System;
using Neuroslyn.Data;

namespace Neuroslyn.Training;

/// <summary>
/// Samples and their targets, row after row: <c>Count × Features</c> inputs and <c>Count × TargetsPerSample</c>
/// targets (one class index per sample for classification, a vector per sample for regression).
/// </summary>
/// <typeparam name="TTarget"><see cref="int"/> for class indices, <see cref="float"/> for target vectors.</typeparam>
public sealed class TrainingSet<TTarget>
    where TTarget : unmanaged
{
    /// <summary>Wraps samples that are already in memory.</summary>
    /// <exception cref="ArgumentException">The lengths do not describe a whole number of samples.</exception>
    public TrainingSet(float[] inputs, TTarget[] targets, int features, int targetsPerSample = 1)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetsPerSample);
        if (inputs.Length == 0 || inputs.Length % features != 0)
        {
            throw new ArgumentException($"{inputs.Length} input values are not a whole, non-zero number of samples of {features} features.", nameof(inputs));
        }

        int count = inputs.Length / features;
        if (targets.Length != (long)count * targetsPerSample)
        {
            throw new ArgumentException($"{count} samples need {(long)count * targetsPerSample} targets ({targetsPerSample} per sample), but {targets.Length} were given.", nameof(targets));
        }

        Inputs = inputs;
        Targets = targets;
        Features = features;
        TargetsPerSample = targetsPerSample;
        Count = count;
    }

    /// <summary>The samples' features, sample after sample.</summary>
    public float[] Inputs { get; }

    /// <summary>The targets, sample after sample.</summary>
    public TTarget[] Targets { get; }

    /// <summary>Features per sample.</summary>
    public int Features { get; }

    /// <summary>Targets per sample.</summary>
    public int TargetsPerSample { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }
}

/// <summary>Builds training sets from loaded data.</summary>
public static class TrainingSet
{
    /// <summary>Labelled images as a classification set: the pixels as features, the labels as class indices.</summary>
    public static TrainingSet<int> FromImages(LabeledImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new TrainingSet<int>(images.Pixels, images.Labels, images.Features);
    }
}
