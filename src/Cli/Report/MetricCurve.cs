namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// One task's test metric over training steps for one model, e.g. task "CTR", model "multi-task".
/// The report draws one chart per <see cref="Task"/> with one line per <see cref="Model"/>, so the
/// paper's multi-task vs single-task comparison shows as two lines on the same axes.
/// </summary>
/// <param name="Task">Task name (L2R, CTR, PPP, FIFP, SPP ...): curves with the same task share a chart.</param>
/// <param name="Model">Line label, e.g. "multi-task" or "single-task".</param>
/// <param name="Metric">The metric's name for the y axis: "AUC" for the click/buy tasks, "accuracy" for PPP.</param>
/// <param name="Points">The metric at each evaluated step, in step order.</param>
public sealed record MetricCurve(string Task, string Model, string Metric, IReadOnlyList<CurvePoint> Points);
