using System;
using System.Collections.Generic;

namespace Neuroslyn.Weights;

/// <summary>
/// The tensors of a network's weight file, in the order they are written: the state_dict of
/// <see cref="ICompiledNetwork{TSelf}.Tensors"/> (parameters, BatchNorm statistics and <c>num_batches_tracked</c>), then,
/// when asked for, the optimizer's: <c>optimizer.step</c> and, per parameter tensor and per buffer of the optimizer,
/// <c>optimizer.&lt;tensor&gt;.&lt;state&gt;</c> (PyTorch's names: <c>exp_avg</c>, <c>exp_avg_sq</c>,
/// <c>momentum_buffer</c>) in the tensor's PyTorch layout.
/// </summary>
internal static class StateLayout
{
    /// <summary>The prefix of the optimizer's tensors.</summary>
    public const string OptimizerPrefix = "optimizer.";

    public const string StepName = OptimizerPrefix + "step";

    public static List<StateTensor> Of<TNet>(TNet network, bool includeOptimizerState)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        var layout = new List<StateTensor>();
        foreach (TensorInfo tensor in TNet.Tensors)
        {
            long[] shape = Shape(tensor);
            if (tensor.IsCounter)
            {
                layout.Add(new StateTensor(tensor.Name, SafeTensorsDType.I64, shape, StateStorage.Counters, 0, tensor.Offset, 1, []));
            }
            else
            {
                StateStorage storage = tensor.IsBuffer ? StateStorage.Buffers : StateStorage.Parameters;
                layout.Add(new StateTensor(tensor.Name, SafeTensorsDType.F32, shape, storage, 0, tensor.Offset, tensor.Length, Order(tensor))
                {
                    NonNegative = tensor.IsNonNegative,
                });
            }
        }

        if (includeOptimizerState)
        {
            layout.Add(new StateTensor(StepName, SafeTensorsDType.I64, [], StateStorage.Step, 0, 0, 1, []));
            IReadOnlyList<string> states = network.OptimizerStateNames;
            foreach (TensorInfo tensor in TNet.Tensors)
            {
                if (!tensor.IsParameter)
                {
                    continue;
                }

                for (int state = 0; state < states.Count; state++)
                {
                    string name = $"{OptimizerPrefix}{tensor.Name}.{states[state]}";
                    layout.Add(new StateTensor(name, SafeTensorsDType.F32, Shape(tensor), StateStorage.OptimizerState, state, tensor.Offset, tensor.Length, Order(tensor))
                    {
                        NonNegative = OptimizerStates.IsNonNegative(states[state]),
                    });
                }
            }
        }

        return layout;
    }

    /// <summary>The tensor's storage order, or none when it is PyTorch's (the values then move as they are).</summary>
    private static int[] Order(TensorInfo tensor) => tensor.IsPermuted ? [.. tensor.StorageOrder] : [];

    private static long[] Shape(TensorInfo tensor)
    {
        var shape = new long[tensor.Shape.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = tensor.Shape[i];
        }

        return shape;
    }
}
