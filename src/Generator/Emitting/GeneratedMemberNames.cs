using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Emitting;

/// <summary>
/// The names the emitted code gives members of the network class, in one place: a class of one of these names would
/// get a member of its own name (CS0542), so the parser reports it instead. A test compares the list with the
/// members of the generated golden sources, both ways.
/// </summary>
internal static class GeneratedMemberNames
{
    /// <summary>
    /// Members <see cref="NetworkEmitter"/> and <see cref="OptimizerEmitter"/> may write, whatever the layers; reserved
    /// whether or not the network's options need them (the optimizer's state fields, dropout's random stream), so
    /// that changing an option never makes a class name invalid.
    /// </summary>
    public static readonly IReadOnlyList<string> Fixed =
    [
        // Public surface: the ICompiledNetwork and ITrainableNetwork members and their constants.
        "ApplyGradients", "BufferCount", "Buffers", "ComputeGradients", "ComputeLoss", "Create", "DefaultSeed",
        "Gradients", "InputSize", "LearningRate", "OutputSize", "ParameterCount", "Parameters", "Predict",
        "PredictBatch", "ResetDropout", "StepCount", "Tensors", "TrainBatch",

        // Private constants, methods and the training buffers' class.
        "BufferSlice", "CheckBatch", "CountSamples", "DropoutSeed", "EnsureTrainingBuffers", "Forward", "GradientSlice",
        "Head", "InferenceBlockRows", "InferenceScratch", "MaxWidth", "NormScratchLength", "ParameterSlice",
        "ScratchLength", "TrainingBuffers",

        // Private fields.
        "_buffers", "_dropoutRandom", "_firstMoment", "_gradients", "_parameters", "_secondMoment", "_step",
        "_training", "_velocity", "s_tensors", "t_inferenceScratch",
    ];

    /// <summary>
    /// Contextual keywords the emitted code uses as type names (<c>var</c> locals, <c>nuint</c> indices): inside a
    /// type of that name, or nested in one, the keyword means the type, so neither may be named so.
    /// </summary>
    public static readonly IReadOnlyList<string> ContextualKeywords = ["nuint", "var"];

    /// <summary>Every member name of the network class with these layers: the fixed ones and the layers' kernels.</summary>
    public static IEnumerable<string> Of(IEnumerable<LayerSpec> layers)
        => Fixed.Concat(layers.SelectMany(layer => LayerEmitter.For(layer).MemberNames(layer)));
}
