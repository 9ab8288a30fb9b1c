namespace Neuroslyn.Training;

/// <summary>
/// Thresholds and behaviour of a <see cref="TrainingMonitor"/>. The defaults are the published ones: AUTOTRAINER
/// (loss, gradient-norm ratio), DeepDiagnosis (mean |gradient|, saturation, update ratio), keras-contrib and
/// DeepChecker (dead ReLU).
/// </summary>
public sealed record MonitorOptions
{
    /// <summary>Stop training at the first finding of this severity or worse; null never stops. Default <see cref="FindingSeverity.Error"/>.</summary>
    public FindingSeverity? StopAt { get; init; } = FindingSeverity.Error;

    /// <summary>Measure gradient norms, update ratios and saturation every this many steps (and on each epoch's first). Default 10.
    /// Non-finite values, the loss and dead units are checked at every step.</summary>
    public int CheckInterval { get; init; } = 10;

    /// <summary>A mini-batch loss at or above this is a blow-up (AUTOTRAINER). Default 1e3.</summary>
    public double LossBlowUp { get; init; } = 1e3;

    /// <summary>A mini-batch loss above this multiple of the first epoch's mean loss is a blow-up. Default 10.</summary>
    public double LossBlowUpFactor { get; init; } = 10;

    /// <summary>First/last weighted layer gradient-norm ratio below this, with the first norm below
    /// <see cref="VanishingFirstNorm"/>, is vanishing (AUTOTRAINER). Default 1e-3.</summary>
    public double VanishingRatio { get; init; } = 1e-3;

    /// <summary>See <see cref="VanishingRatio"/>. Default 1e-4.</summary>
    public double VanishingFirstNorm { get; init; } = 1e-4;

    /// <summary>First/last weighted layer gradient-norm ratio above this is exploding (AUTOTRAINER). Default 70.</summary>
    public double ExplodingRatio { get; init; } = 70;

    /// <summary>A layer's mean |gradient| below this is vanishing at that layer (DeepDiagnosis). Default 1e-7.</summary>
    public double MinMeanAbsGradient { get; init; } = 1e-7;

    /// <summary>Dead ReLU share that warns (keras-contrib). Default 0.1.</summary>
    public double DeadShareWarning { get; init; } = 0.1;

    /// <summary>Dead ReLU share that is an error (DeepChecker). Default 0.5.</summary>
    public double DeadShareError { get; init; } = 0.5;

    /// <summary>Share of saturated Sigmoid/Tanh outputs above which a layer is saturated (DeepDiagnosis). Default 0.5.</summary>
    public double SaturationShare { get; init; } = 0.5;

    /// <summary>Update ratio below this: the learning rate is too low (DeepDiagnosis). Default 1e-5.</summary>
    public double MinUpdateRatio { get; init; } = 1e-5;

    /// <summary>Update ratio above this: the learning rate is too high (DeepDiagnosis). Default 1e-1.</summary>
    public double MaxUpdateRatio { get; init; } = 1e-1;

    /// <summary>Epoch losses compared for a stall: the loss is unchanged when it moved less than <see cref="StallTolerance"/>
    /// (relative) over this many epochs. Default 5.</summary>
    public int StallChecks { get; init; } = 5;

    /// <summary>Relative change of the epoch loss that counts as unchanged. Default 1e-4.</summary>
    public double StallTolerance { get; init; } = 1e-4;
}
