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
}
