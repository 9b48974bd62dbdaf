namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>
/// Held-out metrics of one task: AUC and log loss for binary tasks (L2R: of sigmoid(score)),
/// accuracy with per-level precision / recall for k-class tasks (PPP), RMSE for regression.
/// Metrics that do not apply are null.
/// </summary>
public sealed record TaskMetrics(string Task, int Rows)
{
    public double? Auc { get; init; }
    public double? LogLoss { get; init; }
    public double? Accuracy { get; init; }
    public double[]? Precision { get; init; }
    public double[]? Recall { get; init; }
    public double? Rmse { get; init; }

    /// <summary>The value of <paramref name="metric"/>, or an error naming the metrics this task has.</summary>
    public double Get(DupnMetric metric) => (metric switch
    {
        DupnMetric.Auc => Auc,
        DupnMetric.LogLoss => LogLoss,
        DupnMetric.Accuracy => Accuracy,
        DupnMetric.Rmse => Rmse,
        _ => null,
    }) ?? throw new InvalidOperationException($"Task '{Task}' has no {metric} metric; it has: {string.Join(", ", Available())}.");

    private IEnumerable<string> Available()
    {
        if (Auc is not null) yield return nameof(Auc);
        if (LogLoss is not null) yield return nameof(LogLoss);
        if (Accuracy is not null) yield return nameof(Accuracy);
        if (Rmse is not null) yield return nameof(Rmse);
    }

    public override string ToString() =>
        $"{Task}: " + string.Join(", ", new[]
        {
            Auc is null ? null : $"AUC {Auc:F4}",
            LogLoss is null ? null : $"log loss {LogLoss:F4}",
            Accuracy is null ? null : $"accuracy {Accuracy:P2}",
            Rmse is null ? null : $"RMSE {Rmse:F4}",
        }.Where(s => s is not null)) + $" ({Rows} rows)";
}
