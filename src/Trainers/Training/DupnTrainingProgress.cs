using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>What the trainer reports through <see cref="IProgress{T}"/>: after every step, and with metrics at the end of each epoch.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Step">Global step count so far (1-based after the first step).</param>
/// <param name="StepInEpoch">Steps done in this epoch.</param>
/// <param name="StepsInEpoch">Steps the epoch has.</param>
/// <param name="Task">Task of the step just taken (null for the end-of-epoch report).</param>
/// <param name="Loss">Its loss (unweighted by the task weight; NaN for the end-of-epoch report).</param>
/// <param name="Metrics">Held-out metrics per task, only in the end-of-epoch report.</param>
public sealed record DupnTrainingProgress(int Epoch, long Step, int StepInEpoch, int StepsInEpoch, string? Task, double Loss, IReadOnlyList<TaskMetrics>? Metrics);
