using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Model;
using Fix = Neuroslyn.Analyzers.Hazards.FixProperties.Fix;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>NSL5001-NSL5002: the loss against the output layer.</summary>
internal static partial class HazardRules
{
    // NSL5xxx: loss and output layer

    private static void CheckLoss(NetworkSource source, List<Diagnostic> found)
    {
        NetworkSpec spec = source.Spec;
        int last = spec.Layers.Count - 1;
        ActivationKind output = spec.OutputActivation;
        if (spec.Loss == LossKind.SoftmaxCrossEntropy && spec.Outputs == 1)
        {
            var finding = new Finding(DiagnosticDescriptors.SoftmaxCrossEntropyWithOneOutput, source.NetworkArgument("Loss"));
            var fixes = new List<string>();
            if (output != ActivationKind.Softmax)
            {
                fixes.Add(Fix.SetLoss);
                finding.Set(FixProperties.Loss, nameof(LossKind.BinaryCrossEntropy));
            }

            if (spec.Layers[last].Kind.SizeArgument is int size && source.Layers[last].PositionalLocation(size) is { } units)
            {
                fixes.Add(Fix.TwoOutputUnits);
                finding.At(FixProperties.OutputUnitsAt, units);
            }

            found.Add(finding.Fixes([.. fixes]).Create());
            return;
        }

        (string applies, string loss, string again, string why, string other, bool otherFits)? squashed = (output, spec.Loss) switch
        {
            (ActivationKind.Sigmoid, LossKind.SoftmaxCrossEntropy) => (
                "Sigmoid", "SoftmaxCrossEntropy", "softmax",
                SigmoidThenSoftmax(spec.Outputs), "BinaryCrossEntropy", true),
            (ActivationKind.Softmax, LossKind.BinaryCrossEntropy) => (
                "Softmax", "BinaryCrossEntropy", "a sigmoid",
                "the sigmoid of a probability lies between 0.5 and 0.73, so the predicted probability never leaves that range, a target of 0 costs at least 0.69 and a target of 1 at least 0.31",
                "SoftmaxCrossEntropy", spec.Outputs >= 2),
            _ => null,
        };
        if (squashed is { } s)
        {
            var finding = new Finding(DiagnosticDescriptors.OutputSquashedTwice, source.ActivationLocation(last));
            var fixes = new List<string> { Fix.OutputLogits };
            if (s.otherFits)
            {
                fixes.Add(Fix.SetLoss);
                finding.Set(FixProperties.Loss, s.other).At(FixProperties.LossAt, source.NetworkArgument("Loss"));
            }

            found.Add(finding.Fixes([.. fixes]).Create(s.applies, s.loss, s.again, s.why, s.other));
        }
    }

    private static string SigmoidThenSoftmax(int classes)
    {
        // The best case: the right class's sigmoid at 1, every other at 0.
        double best = Math.E / (Math.E + classes - 1);
        return $"the outputs are in (0, 1), so the largest probability the loss can give one of {classes} classes is e/(e + {classes - 1}) = {Numbers.Short(best)} and the loss never falls below {Numbers.Short(-Math.Log(best))}";
    }
}
