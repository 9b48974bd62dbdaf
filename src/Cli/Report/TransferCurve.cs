namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// The held-out task's test metric over training for one transfer protocol (paper section 6):
/// RS retrain on the new task alone, RA retrain with all tasks, RT freeze the representation and
/// train a shallow head, FT start from DUPN and fine-tune everything.
/// </summary>
/// <param name="Protocol">Line label: "RS", "RA", "RT" or "FT" (any label is drawn).</param>
/// <param name="Points">The metric at each evaluated step (or second, see <see cref="TransferSection.XAxis"/>).</param>
public sealed record TransferCurve(string Protocol, IReadOnlyList<CurvePoint> Points);
