namespace Neuroslyn.Weights;

/// <summary>What <see cref="WeightFile"/> saves and what it accepts when loading.</summary>
public sealed record WeightFileOptions
{
    /// <summary>The defaults: parameters, BatchNorm statistics and counters only; every tensor in the file must be the network's.</summary>
    public static WeightFileOptions Default { get; } = new();

    /// <summary>
    /// Saving: also write the optimizer's state (<c>optimizer.step</c>, and <c>optimizer.&lt;tensor&gt;.exp_avg</c>,
    /// <c>exp_avg_sq</c> or <c>momentum_buffer</c> per parameter tensor), so that training can resume exactly. Loading:
    /// require it in the file and restore it. When false, a load skips the file's <c>optimizer.</c> tensors.
    /// Default false.
    /// </summary>
    public bool IncludeOptimizerState { get; init; }

    /// <summary>
    /// Loading: skip tensors the network has no place for instead of refusing the file (their offsets and sizes are
    /// still checked). Default false.
    /// </summary>
    public bool IgnoreUnexpectedTensors { get; init; }

    /// <summary>
    /// Loading: accept NaN and positive or negative infinity in the float tensors and load them as they are, bit for bit.
    /// Default false: a file holding one is refused with a <see cref="WeightFileException"/> that names the tensor and
    /// the first such value's index, since a network with one non-finite weight computes NaN for every input and a
    /// training run that reaches one has diverged. Set it only to inspect such a file. Negative values where none can
    /// be (BatchNorm's <c>running_var</c>, Adam's <c>exp_avg_sq</c>) are refused either way.
    /// </summary>
    public bool AllowNonFiniteValues { get; init; }
}
