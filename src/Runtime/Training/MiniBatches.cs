using System;

namespace Neuroslyn.Training;

/// <summary>
/// Cuts a training set into mini-batches, in a seeded random order that changes every epoch, gathering each
/// batch into buffers allocated once. A final batch of a single sample is left out: BatchNorm cannot normalise
/// one sample, and one sample in an epoch of many changes nothing.
/// </summary>
internal sealed class MiniBatches<TTarget>
    where TTarget : unmanaged
{
    private readonly TrainingSet<TTarget> _set;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly Random _random;
    private readonly int[] _order;
    private readonly float[] _inputs;
    private readonly TTarget[] _targets;

    public MiniBatches(TrainingSet<TTarget> set, int batchSize, int seed, bool shuffle)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _set = set;
        _batchSize = Math.Min(batchSize, set.Count);
        _shuffle = shuffle;
        _random = new Random(seed);
        _order = new int[set.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _inputs = new float[_batchSize * set.Features];
        _targets = new TTarget[_batchSize * set.TargetsPerSample];
        int full = set.Count / _batchSize, rest = set.Count % _batchSize;
        Count = full + (rest > 1 || (rest == 1 && full == 0) ? 1 : 0);
    }

    /// <summary>Mini-batches per epoch.</summary>
    public int Count { get; }

    /// <summary>Samples per epoch (the count of the batches' rows).</summary>
    public int Samples => Math.Min(_set.Count, Count * _batchSize);

    /// <summary>Draws the order of the next epoch.</summary>
    public void NextEpoch()
    {
        if (_shuffle)
        {
            _random.Shuffle(_order);
        }
    }

    /// <summary>The inputs and targets of batch <paramref name="index"/> of this epoch.</summary>
    public (ReadOnlyMemory<float> Inputs, ReadOnlyMemory<TTarget> Targets) Batch(int index)
    {
        int start = index * _batchSize;
        int rows = Math.Min(_batchSize, _set.Count - start);
        int features = _set.Features, perSample = _set.TargetsPerSample;
        if (!_shuffle)
        {
            return (_set.Inputs.AsMemory(start * features, rows * features), _set.Targets.AsMemory(start * perSample, rows * perSample));
        }

        for (int r = 0; r < rows; r++)
        {
            int sample = _order[start + r];
            _set.Inputs.AsSpan(sample * features, features).CopyTo(_inputs.AsSpan(r * features, features));
            _set.Targets.AsSpan(sample * perSample, perSample).CopyTo(_targets.AsSpan(r * perSample, perSample));
        }

        return (_inputs.AsMemory(0, rows * features), _targets.AsMemory(0, rows * perSample));
    }
}
