using System.Collections.Generic;
using System.Linq;
namespace Neuroslyn.Generator.Model;

/// <summary>
/// The names the emitted code gives members of the network class, in one place: a class of one of these names would
/// get a member of its own name (CS0542), and a member of the class of one of them would be declared twice (CS0102),
/// so the parser reports both instead (NSL0002, and NSL0012 from Parsing/ClassConflicts). Model knowledge, not emission: the parser
/// checks names against it without calling an emitter. A test compares the list with the
/// members of the generated golden sources, both ways.
/// </summary>
internal static class GeneratedMemberNames
{
    /// <summary>
    /// Members the network and optimizer emitters may write, whatever the layers; reserved
    /// whether or not the network's options need them (the optimizer's state fields, dropout's random stream, BatchNorm's counters), so
    /// that changing an option never makes a class name invalid.
    /// </summary>
    public static readonly IReadOnlyList<string> Fixed =
    [
        // Public surface: the ICompiledNetwork and ITrainableNetwork members and their constants.
        "ApplyGradients", "BatchesTracked", "BufferCount", "Buffers", "ComputeGradients", "ComputeLoss", "Create",
        "DefaultSeed", "Freeze", "Frozen", "GetOptimizerState", "Gradients", "InputSize", "Layers", "LearningRate", "OptimizerStateNames",
        "OutputSize", "ParameterCount", "Parameters", "Predict", "PredictBatch", "ResetDropout", "StepCount", "Tensors",
        "TrainBatch", "TrainingThreads",

        // Private constants, methods and the training buffers' class.
        "BufferSlice", "CheckBatch", "CountSamples", "DropoutSeed", "EnsureTrainingBuffers", "Forward", "GradientSlice",
        "Head", "InferenceBlockRows", "InferenceScratch", "KeptLength", "MaxWidth", "NormScratchLength", "ParameterSlice",
        "ScratchLength", "TrainingBuffers",

        // Private fields.
        "_batchesTracked", "_buffers", "_dropoutRandom", "_firstMoment", "_gradients", "_parameters", "_secondMoment",
        "_monitor", "_step", "_training", "_trainingThreads", "_velocity", "s_layers", "s_optimizerStateNames", "s_tensors", "t_inferenceScratch",
    ];

    /// <summary>
    /// Contextual keywords the emitted code relies on: <c>var</c> as a type, <c>nameof</c> as an
    /// operator. A type or namespace of that name in a scope the generated code sees (the class, the types around it,
    /// their namespaces up to the global one) takes the keyword's place, so the parser reports one.
    /// </summary>
    public static readonly IReadOnlyList<string> ContextualKeywords = ["nameof", "var"];

    /// <summary>Every member name of the network class with these layers: the fixed ones and the layers' kernels.</summary>
    public static IEnumerable<string> Of(IEnumerable<LayerSpec> layers)
        => Fixed.Concat(layers.SelectMany(layer => layer.GeneratedMembers));
}
