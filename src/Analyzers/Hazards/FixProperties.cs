namespace Neuroslyn.Analyzers.Hazards;

/// <summary>
/// Keys of the properties a hazard diagnostic carries for its code fixes (Neuroslyn.CodeFixes), so that a fix needs
/// no second analysis: what to write, and which additional locations are which.
/// </summary>
internal static class FixProperties
{
    /// <summary>Comma-separated names of the fixes that clear this diagnostic (the values of <see cref="Fix"/>).</summary>
    public const string Fixes = nameof(Fixes);

    /// <summary>The first <c>LayerCount</c> additional locations are layer attributes the fixes edit.</summary>
    public const string LayerCount = nameof(LayerCount);

    /// <summary>Index of the additional location of the [Network] attribute's <c>LearningRate</c> argument.</summary>
    public const string LearningRateAt = nameof(LearningRateAt);

    /// <summary>Index of the additional location of the [Network] attribute's <c>Loss</c> argument.</summary>
    public const string LossAt = nameof(LossAt);

    /// <summary>Index of the additional location of the output Dense's units argument.</summary>
    public const string OutputUnitsAt = nameof(OutputUnitsAt);

    /// <summary>Index of the additional location of the [Network] attribute.</summary>
    public const string NetworkAt = nameof(NetworkAt);

    /// <summary>A dropout rate to write, as C# (<c>0.5</c>).</summary>
    public const string Rate = nameof(Rate);

    /// <summary>A learning rate to write, as C# (<c>0.001f</c>).</summary>
    public const string LearningRate = nameof(LearningRate);

    /// <summary>An <c>Initializer</c> member to write (<c>GlorotUniform</c>).</summary>
    public const string Initializer = nameof(Initializer);

    /// <summary>A <c>Loss</c> member to write (<c>BinaryCrossEntropy</c>).</summary>
    public const string Loss = nameof(Loss);

    /// <summary>The fixes, by name.</summary>
    public static class Fix
    {
        public const string SetRate = nameof(SetRate);
        public const string RemoveLayer = nameof(RemoveLayer);
        public const string SwapWithNext = nameof(SwapWithNext);
        public const string UseRelu = nameof(UseRelu);
        public const string UseLeakyRelu = nameof(UseLeakyRelu);
        public const string InsertBatchNorm = nameof(InsertBatchNorm);
        public const string AddClipping = nameof(AddClipping);
        public const string LowerLearningRate = nameof(LowerLearningRate);
        public const string SetLearningRate = nameof(SetLearningRate);
        public const string SetInitializer = nameof(SetInitializer);
        public const string SetLoss = nameof(SetLoss);
        public const string TwoOutputUnits = nameof(TwoOutputUnits);
        public const string OutputLogits = nameof(OutputLogits);
        public const string DropBias = nameof(DropBias);
        public const string KernelOfOne = nameof(KernelOfOne);
    }
}
