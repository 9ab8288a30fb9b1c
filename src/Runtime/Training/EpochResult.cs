using System;

namespace Neuroslyn.Training;

/// <summary>What one epoch achieved.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainingLoss">Mean of the epoch's mini-batch losses (training mode).</param>
/// <param name="ValidationLoss">Loss on the validation set in inference mode, if one was given.</param>
/// <param name="ValidationAccuracy">Share of validation samples classified right, for class-index targets.</param>
/// <param name="SamplesPerSecond">Training throughput (validation excluded).</param>
/// <param name="Duration">Wall-clock time of the training part of the epoch.</param>
public sealed record EpochResult(int Epoch, float TrainingLoss, float? ValidationLoss, float? ValidationAccuracy, double SamplesPerSecond, TimeSpan Duration);
