namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Per-level precision and recall of the purchasing-power prediction (PPP), level 1 (lowest) first.
/// The paper's PPP has 7 levels; any number of levels (at least one) is accepted.
/// </summary>
/// <param name="Precision">Precision of level i+1, a fraction in [0, 1] (NaN when nothing was predicted at that level).</param>
/// <param name="Recall">Recall of level i+1, a fraction in [0, 1] (NaN when the level never occurs).</param>
public sealed record PppLevelMetrics(double[] Precision, double[] Recall);
