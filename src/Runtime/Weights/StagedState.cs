using System;
using System.Collections.Generic;

namespace Neuroslyn.Weights;

/// <summary>
/// A copy of everything a load may change, filled from the file while the network stays untouched, and copied into
/// the network only once every tensor has been read and checked: a failed load leaves the network as it was.
/// </summary>
internal sealed class StagedState
{
    private readonly float[] _parameters;
    private readonly float[] _buffers;
    private readonly long[] _counters;
    private readonly float[][] _optimizer;
    private readonly bool _includeOptimizerState;
    private long _step;

    public StagedState(ITrainingState network, bool includeOptimizerState)
    {
        _parameters = network.Parameters.ToArray();
        _buffers = network.Buffers.ToArray();
        _counters = network.BatchesTracked.ToArray();
        _optimizer = new float[includeOptimizerState ? network.OptimizerStateNames.Count : 0][];
        for (int i = 0; i < _optimizer.Length; i++)
        {
            _optimizer[i] = network.GetOptimizerState(i).ToArray();
        }

        _step = network.StepCount;
        _includeOptimizerState = includeOptimizerState;
    }

    /// <summary>Where a float tensor's values go, in the network's layout.</summary>
    public Span<float> Floats(StateTensor tensor) => tensor.Storage switch
    {
        StateStorage.Parameters => _parameters.AsSpan(tensor.Offset, tensor.Length),
        StateStorage.Buffers => _buffers.AsSpan(tensor.Offset, tensor.Length),
        StateStorage.OptimizerState => _optimizer[tensor.StateIndex].AsSpan(tensor.Offset, tensor.Length),
        _ => throw new InvalidOperationException($"{tensor.Name} is not a float tensor."),
    };

    /// <summary>Stores an int64 scalar (a BatchNorm counter or the optimizer's step).</summary>
    public void SetCount(StateTensor tensor, long value)
    {
        if (tensor.Storage == StateStorage.Step)
        {
            _step = value;
        }
        else
        {
            _counters[tensor.Offset] = value;
        }
    }

    /// <summary>Copies the staged state into <paramref name="network"/>; cannot fail.</summary>
    public void CommitTo(ITrainingState network)
    {
        _parameters.CopyTo(network.Parameters);
        _buffers.CopyTo(network.Buffers);
        _counters.CopyTo(network.BatchesTracked);
        for (int i = 0; i < _optimizer.Length; i++)
        {
            _optimizer[i].CopyTo(network.GetOptimizerState(i));
        }

        if (_includeOptimizerState)
        {
            network.StepCount = _step;
        }
    }
}
