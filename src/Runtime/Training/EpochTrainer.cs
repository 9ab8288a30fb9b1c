using System;
using Neuroslyn.Data;

namespace Neuroslyn.Training;

/// <summary>
/// Runs epochs of mini-batch training over a labelled image set: a seeded shuffle each epoch, then one
/// <see cref="ITrainableNetwork{TTarget}.TrainBatch"/> per mini-batch. Buffers are allocated once.
/// </summary>
public sealed class EpochTrainer
{
    private readonly LabeledImages _data;
    private readonly int _batchSize;
    private readonly Random _random;
    private readonly int[] _order;
    private readonly float[] _batchInputs;
    private readonly int[] _batchLabels;

    /// <summary>Creates a trainer over <paramref name="data"/>.</summary>
    public EpochTrainer(LabeledImages data, int batchSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _data = data;
        _batchSize = batchSize;
        _random = new Random(seed);
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _batchInputs = new float[batchSize * data.Features];
        _batchLabels = new int[batchSize];
    }

    /// <summary>Trains one epoch; returns the mean of the mini-batch losses.</summary>
    public float RunEpoch(ITrainableNetwork<int> network)
    {
        _random.Shuffle(_order);
        int features = _data.Features;
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < _order.Length; start += _batchSize)
        {
            int rows = Math.Min(_batchSize, _order.Length - start);
            if (rows < 2 && batches > 0)
            {
                break; // a single leftover sample is not a batch (BatchNorm cannot normalise one sample)
            }

            for (int r = 0; r < rows; r++)
            {
                int sample = _order[start + r];
                _data.Pixels.AsSpan(sample * features, features).CopyTo(_batchInputs.AsSpan(r * features, features));
                _batchLabels[r] = _data.Labels[sample];
            }

            lossSum += network.TrainBatch(_batchInputs.AsSpan(0, rows * features), _batchLabels.AsSpan(0, rows));
            batches++;
        }

        return (float)(lossSum / batches);
    }
}
