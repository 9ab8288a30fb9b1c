using System;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>Compares a network's backward pass with central finite differences of its training-mode loss.</summary>
internal static class GradientCheck
{
    /// <summary>Step of the central difference. Large enough to rise above float32 rounding of the loss.</summary>
    private const float DefaultStep = 2e-3f;

    /// <param name="step">
    /// The central difference's step: smaller where a maximum's winner changes within the default one (overlapping
    /// max pooling over a batch's normalised values), larger differences then drowning in float32 rounding.
    /// </param>
    public static void Run<TNet, TTarget>(TNet network, float[] inputs, TTarget[] targets, double absoluteTolerance = 3e-4, double relativeTolerance = 1e-2, float step = DefaultStep)
        where TNet : ICompiledNetwork<TNet>, ITrainableNetwork<TTarget>
        where TTarget : unmanaged
    {
        const ulong dropoutSeed = 1234;
        network.ResetDropout(dropoutSeed);
        network.ComputeGradients(inputs, targets);
        float[] analytic = network.Gradients.ToArray();
        Assert.True(MaxAbs(analytic) > 1e-3, "The gradient is all but zero: the check would prove nothing.");

        Span<float> parameters = network.Parameters;
        int checkedCount = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            float original = parameters[i];
            parameters[i] = original + step;
            network.ResetDropout(dropoutSeed); // the same mask for every evaluation: dropout becomes a fixed function
            double plus = network.ComputeGradients(inputs, targets);
            parameters[i] = original - step;
            network.ResetDropout(dropoutSeed);
            double minus = network.ComputeGradients(inputs, targets);
            parameters[i] = original;

            double numeric = (plus - minus) / (2 * (double)step);
            double tolerance = absoluteTolerance + (relativeTolerance * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])));
            if (Math.Abs(numeric - analytic[i]) > tolerance)
            {
                Assert.Fail($"{typeof(TNet).Name}: parameter {i} ({Describe<TNet>(i)}): backpropagation gives {analytic[i]:G6}, finite differences {numeric:G6}.");
            }

            checkedCount++;
        }

        Assert.Equal(TNet.ParameterCount, checkedCount);
    }

    private static string Describe<TNet>(int index)
        where TNet : ICompiledNetwork<TNet>
    {
        foreach (TensorInfo tensor in TNet.Tensors)
        {
            if (tensor.IsParameter && index >= tensor.Offset && index < tensor.Offset + tensor.Length)
            {
                return $"{tensor.Name}[{index - tensor.Offset}]";
            }
        }

        return "?";
    }

    private static float MaxAbs(float[] values)
    {
        float max = 0;
        foreach (float value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }
}
