namespace Neuroslyn.Training;

/// <summary>Where training is, reported through <see cref="System.IProgress{T}"/> while it runs.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Batch">Mini-batches done in this epoch.</param>
/// <param name="Batches">Mini-batches in an epoch.</param>
/// <param name="Loss">Mean training loss of this epoch so far.</param>
/// <param name="SamplesPerSecond">Training throughput of this epoch so far.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, float Loss, double SamplesPerSecond);
