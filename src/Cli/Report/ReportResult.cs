namespace Dupn.MLNet.Cli.Report;

/// <summary>What <see cref="ReportWriter.Write"/> wrote.</summary>
/// <param name="IndexPath">Full path of index.html.</param>
/// <param name="DataPath">Full path of report-data.json (the data, to re-render later).</param>
/// <param name="Images">Full paths of the PNGs, in page order.</param>
/// <param name="MissingSections">Headings of the sections that had no data and were left out.</param>
public sealed record ReportResult(
    string IndexPath, string DataPath, IReadOnlyList<string> Images, IReadOnlyList<string> MissingSections);
