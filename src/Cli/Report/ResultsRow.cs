namespace Dupn.MLNet.Cli.Report;

/// <summary>One model's row of the results table.</summary>
/// <param name="Model">Model name, e.g. "DUPN-all".</param>
/// <param name="Values">One value per column (a fraction in [0, 1]); null where the model does not
/// apply to the task (shown as "-", like DSSM on L2R in the paper).</param>
public sealed record ResultsRow(string Model, IReadOnlyList<double?> Values);
