namespace Dupn.MLNet.Cli.Report;

/// <summary>The transfer experiment: one held-out task, one line per protocol on one chart.</summary>
/// <param name="Task">The held-out task, e.g. "SPP".</param>
/// <param name="Metric">The metric on the y axis, e.g. "AUC".</param>
/// <param name="XAxis">What the x values count, e.g. "training step" or "training time (s)".</param>
/// <param name="Curves">One curve per protocol.</param>
public sealed record TransferSection(string Task, string Metric, string XAxis, IReadOnlyList<TransferCurve> Curves);
