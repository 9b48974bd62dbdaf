namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Everything a DUPN report shows. Every section is optional: <see cref="ReportWriter"/> draws the
/// sections that have data and lists the others as absent. Save and load it with
/// <see cref="ReportJson"/> so a report can be re-rendered without the model.
/// </summary>
public sealed record ReportData
{
    /// <summary>Page title. Default "DUPN report".</summary>
    public string Title { get; init; } = "DUPN report";

    /// <summary>Where the model came from (shown under the title; optional).</summary>
    public string? ModelPath { get; init; }

    /// <summary>Where the test data came from (shown under the title; optional).</summary>
    public string? DataPath { get; init; }

    /// <summary>When the data was gathered (shown under the title; optional).</summary>
    public DateTimeOffset? CreatedUtc { get; init; }

    /// <summary>Plot 1: per-task metric over training steps, multi-task vs single-task (one chart per task).</summary>
    public IReadOnlyList<MetricCurve>? TrainingCurves { get; init; }

    /// <summary>Plot 2: one heat map per user, rows = queries, columns = that user's behaviours.</summary>
    public IReadOnlyList<AttentionMap>? AttentionMaps { get; init; }

    /// <summary>Plot 3: mean attention by behaviour type x time bucket.</summary>
    public AttentionByProperty? AttentionByProperty { get; init; }

    /// <summary>Plot 4: PPP per-level precision and recall.</summary>
    public PppLevelMetrics? PppLevels { get; init; }

    /// <summary>Plot 5: the transfer curves RS / RA / RT / FT.</summary>
    public TransferSection? Transfer { get; init; }

    /// <summary>Table: models x tasks, like the paper's Table 2.</summary>
    public ResultsTable? Results { get; init; }
}
