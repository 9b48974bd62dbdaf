using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Trainers.Transfer;

/// <summary>
/// One transfer protocol's outcome on the new task (SHOP_PREF): the held-out metrics at the end,
/// the time it took, and the per-epoch curve (empty for protocols that do not train in epochs; FT's
/// is on its validation users, the others' on the test rows).
/// </summary>
public sealed record TransferResult(string Protocol, TaskMetrics Metrics, TimeSpan Elapsed, IReadOnlyList<DupnEpochMetrics> Curve)
{
    /// <summary>FT: the state kept by validation, -1 for the probe, else the fine-tuning epoch (0-based); null for the other protocols.</summary>
    public int? ChosenEpoch { get; init; }
}
