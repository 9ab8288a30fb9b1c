using System.Collections.Generic;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>The optimizer's state fields and its step.</summary>
internal static class OptimizerEmitter
{
    /// <summary>The optimizer's per-parameter state: field name, PyTorch's name of the state, and purpose.</summary>
    public static IEnumerable<(string Name, string TorchName, string Purpose)> StateFields(OptimizerSpec optimizer)
    {
        if (optimizer.Kind == OptimizerKind.Adam)
        {
            yield return ("_firstMoment", "exp_avg", "Adam's running mean of the gradients (m).");
            yield return ("_secondMoment", "exp_avg_sq", "Adam's running mean of the squared gradients (v).");
        }
        else if (optimizer.Momentum > 0)
        {
            yield return ("_velocity", "momentum_buffer", "SGD's momentum buffer.");
        }
    }

    public static void EmitStep(SourceWriter writer, OptimizerSpec optimizer)
    {
        writer.Line("_step++;");
        if (optimizer.ClipNorm > 0)
        {
            writer.Line($"{Literals.Kernels}.OptimizerKernels.ClipGlobalNorm(_gradients, {Literals.Float(optimizer.ClipNorm)});");
        }

        if (optimizer.WeightDecay > 0)
        {
            writer.Line($"{Literals.Kernels}.OptimizerKernels.AddWeightDecay(_gradients, _parameters.Span, {Literals.Float(optimizer.WeightDecay)});");
        }

        if (optimizer.Kind == OptimizerKind.Adam)
        {
            writer.Line($"{Literals.Kernels}.OptimizerKernels.Adam(_parameters, _gradients, _firstMoment, _secondMoment, LearningRate, {Literals.Float(optimizer.Beta1)}, {Literals.Float(optimizer.Beta2)}, {Literals.Float(optimizer.Epsilon)}, _step, _trainingThreads);");
        }
        else
        {
            string velocity = optimizer.Momentum > 0 ? "_velocity" : "null";
            writer.Line($"{Literals.Kernels}.OptimizerKernels.Sgd(_parameters, _gradients, {velocity}, LearningRate, {Literals.Float(optimizer.Momentum)}, _trainingThreads);");
        }
    }

    public static string Describe(OptimizerSpec optimizer)
    {
        string text = optimizer.Kind == OptimizerKind.Adam
            ? $"Adam, learning rate {Literals.Shortest(optimizer.LearningRate)}, betas ({Literals.Shortest(optimizer.Beta1)}, {Literals.Shortest(optimizer.Beta2)}), eps {Literals.Shortest(optimizer.Epsilon)}"
            : optimizer.Momentum > 0
                ? $"SGD with momentum {Literals.Shortest(optimizer.Momentum)}, learning rate {Literals.Shortest(optimizer.LearningRate)}"
                : $"SGD, learning rate {Literals.Shortest(optimizer.LearningRate)}";
        if (optimizer.WeightDecay > 0)
        {
            text += $", weight decay {Literals.Shortest(optimizer.WeightDecay)}";
        }

        if (optimizer.ClipNorm > 0)
        {
            text += $", gradients clipped to global norm {Literals.Shortest(optimizer.ClipNorm)}";
        }

        return text;
    }
}
