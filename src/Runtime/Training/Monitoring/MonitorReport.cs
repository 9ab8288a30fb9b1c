using System.Collections.Generic;

namespace Neuroslyn.Training;

/// <summary>What the monitor measured on one layer over an epoch (means over its sampled steps).</summary>
/// <param name="Layer">Index of the layer (declaration order).</param>
/// <param name="Name">The layer's state_dict prefix (<c>0</c>, <c>fc1</c>).</param>
/// <param name="GradientNorm">Mean L2 norm of the weight gradient, for a Dense layer; else null.</param>
/// <param name="MeanAbsGradient">Mean |gradient| of the weights, for a Dense layer; else null.</param>
/// <param name="UpdateRatio">Mean ‖W after − W before‖ / ‖W before‖ of an optimizer step, for a Dense layer; else null.</param>
/// <param name="DeadShare">Share of ReLU units never above 0 during the epoch, for a ReLU layer of a monitored network; else
/// null. The units are the layer's <see cref="LayerInfo.OutputUnits"/>: features of a vector, channels of an image (a
/// convolution's filter counts as dead only when it is never above 0 at any position of any sample).</param>
/// <param name="SaturatedShare">Share of Sigmoid/Tanh outputs whose pre-activation had |z| ≥ 5, for a hidden Sigmoid/Tanh
/// layer of a monitored network; else null.</param>
/// <param name="DeadUnits">The dead units' indices (features, or channels of an image), ascending, whenever
/// <paramref name="DeadShare"/> is set; else null.</param>
public sealed record LayerStatistics(
    int Layer, string Name, double? GradientNorm, double? MeanAbsGradient, double? UpdateRatio, double? DeadShare, double? SaturatedShare,
    IReadOnlyList<int>? DeadUnits = null);

/// <summary>One epoch as the monitor saw it.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainingLoss">Mean mini-batch loss of the epoch.</param>
/// <param name="Layers">Per-layer statistics, in declaration order.</param>
/// <param name="Findings">The findings of the epoch, in the order they were reported.</param>
public sealed record MonitorEpochReport(int Epoch, float TrainingLoss, IReadOnlyList<LayerStatistics> Layers, IReadOnlyList<TrainingFinding> Findings);
