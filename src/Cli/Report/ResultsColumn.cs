namespace Dupn.MLNet.Cli.Report;

/// <summary>One column of the results table: a task and its metric.</summary>
/// <param name="Task">Task name, e.g. "CTR".</param>
/// <param name="Metric">Metric name, e.g. "AUC". Values of a metric other than AUC
/// (accuracy, precision) are shown as percentages, as in the paper's Table 2.</param>
public sealed record ResultsColumn(string Task, string Metric)
{
    /// <summary>True when the values are shown as percentages (every metric except AUC).</summary>
    public bool ShowAsPercent => !string.Equals(Metric, "AUC", StringComparison.OrdinalIgnoreCase);
}
