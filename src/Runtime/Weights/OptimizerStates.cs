namespace Neuroslyn.Weights;

/// <summary>
/// What the loader knows of the optimizer's per-parameter state, by its PyTorch name
/// (<see cref="ITrainingState.OptimizerStateNames"/>): the generated network names its buffers and nothing more, and
/// these names are PyTorch's contract for <c>torch.optim</c>'s state, so they identify the buffer's meaning.
/// </summary>
internal static class OptimizerStates
{
    /// <summary>Adam's running mean of the squared gradients (v), whose square root divides each step.</summary>
    public const string SecondMoment = "exp_avg_sq";

    /// <summary>True when no value of the state can be negative.</summary>
    public static bool IsNonNegative(string state) => state == SecondMoment;
}
