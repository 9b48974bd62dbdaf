using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>One finished epoch: mean training loss per task and held-out metrics per task.</summary>
public sealed record DupnEpochReport(int Epoch, Dictionary<string, double> MeanTrainLoss, List<TaskMetrics> Metrics)
{
    /// <summary>
    /// The global step count when the epoch ended. Kept with the report (and so in checkpoints) so a
    /// resumed run can still say where each earlier epoch ended.
    /// </summary>
    public long Step { get; init; }
}
