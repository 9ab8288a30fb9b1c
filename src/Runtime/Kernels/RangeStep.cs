namespace Neuroslyn.Kernels;

/// <summary>
/// An element-wise step over a range of a flat buffer, for <see cref="KernelThreads.ForRanges(RangeStep, int, int, int)"/>. Instances are
/// reused (their fields set before each run), so splitting a step allocates nothing.
/// </summary>
internal abstract class RangeStep
{
    /// <summary>Applies the step to elements [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public abstract void Run(int start, int end);
}
