namespace Neuroslyn.Training;

/// <summary>
/// A network declared with <c>[Network(Monitor = true)]</c>: its training forward pass hands every layer's output to
/// the attached <see cref="TrainingMonitor"/>. Networks without the option do not implement this interface and carry
/// no monitoring code.
/// </summary>
public interface IMonitoredNetwork
{
    /// <summary>The monitor that sees each layer's output in <c>ComputeGradients</c>; null for none.</summary>
    TrainingMonitor? Monitor { get; set; }
}
