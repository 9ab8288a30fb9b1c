using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>
/// The training-hazard rules (NSL1002–NSL6003) over a network that compiles. Each rule reads the model, reports at
/// the attribute or argument that causes the hazard, with the numbers involved, and names the fixes that clear it.
/// </summary>
internal static partial class HazardRules
{
    public static List<Diagnostic> Check(NetworkSource source, HazardOptions options)
    {
        var found = new List<Diagnostic>();
        var network = new NetworkFacts(source.Spec, options);
        CheckDropout(source, network, options, found);
        CheckVanishing(source, network, options, found);
        CheckExploding(source, network, options, found);
        CheckDeadRelu(source, network, found);
        CheckInitializers(source, found);
        CheckLearningRate(source, network, options, found);
        CheckLoss(source, found);
        CheckArchitecture(source, options, found);
        return found;
    }
}
