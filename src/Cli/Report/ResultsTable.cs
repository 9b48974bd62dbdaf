namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Models x tasks test results, like the paper's Table 2. Higher is better in every column; the
/// report shows the best value of each column in bold (all of them when tied).
/// </summary>
/// <param name="Columns">The tasks, in display order.</param>
/// <param name="Rows">One row per model, each with one value per column.</param>
public sealed record ResultsTable(IReadOnlyList<ResultsColumn> Columns, IReadOnlyList<ResultsRow> Rows);
