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

    /// <summary>The test rows, in the test file's order, that <see cref="Scores"/> score (for a paired comparison).</summary>
    public IReadOnlyList<Transforms.Featurization.FeaturizedRow>? TestRows { get; init; }

    /// <summary>The protocol's score of each of <see cref="TestRows"/> (a probability, or a margin for an uncalibrated learner).</summary>
    public float[]? Scores { get; init; }
}
