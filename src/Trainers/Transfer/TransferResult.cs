using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Trainers.Transfer;

/// <summary>
/// One transfer protocol's outcome on the new task (SHOP_PREF): the held-out metrics at the end,
/// the time it took, and the per-epoch curve (empty for protocols that do not train in epochs).
/// </summary>
public sealed record TransferResult(string Protocol, TaskMetrics Metrics, TimeSpan Elapsed, IReadOnlyList<DupnEpochMetrics> Curve);
