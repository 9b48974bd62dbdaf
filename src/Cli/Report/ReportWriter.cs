using Dupn.MLNet.Cli.Report.Html;
using Dupn.MLNet.Cli.Report.Sections;

namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Writes a DUPN report: index.html, one PNG per plot beside it, and report-data.json (the data, so
/// the report can be re-rendered with <see cref="ReportJson.Load"/>). Sections without data are
/// listed at the top of the page as absent; the rest are drawn.
/// </summary>
/// <example>
/// <code>
/// var data = new ReportData { PppLevels = new PppLevelMetrics(precision, recall), Results = table };
/// ReportResult result = ReportWriter.Write(data, "out/report");
/// Console.WriteLine($"open {result.IndexPath}; absent: {string.Join(", ", result.MissingSections)}");
/// </code>
/// </example>
public static class ReportWriter
{
    /// <summary>Name of the page written into the output folder.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>Name of the JSON copy of the data written into the output folder.</summary>
    public const string DataFileName = "report-data.json";

    /// <summary>Validates <paramref name="data"/>, creates <paramref name="outputFolder"/> if needed and writes the report.</summary>
    /// <exception cref="ArgumentException">A section of the data is malformed; the message names it.</exception>
    public static ReportResult Write(ReportData data, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ReportDataValidator.Validate(data);
        string folder = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(folder);

        var images = new List<string>();
        var sections = new List<ReportSection>
        {
            ResultsSection.Render(data.Results),
            TrainingCurvesSection.Render(data.TrainingCurves, folder, images),
            AttentionMapsSection.Render(data.AttentionMaps, folder, images),
            AttentionByPropertySection.Render(data.AttentionByProperty, folder, images),
            PppLevelsSection.Render(data.PppLevels, folder, images),
            TransferCurvesSection.Render(data.Transfer, folder, images),
        };

        string dataPath = Path.Combine(folder, DataFileName);
        ReportJson.Save(data, dataPath);
        string indexPath = Path.Combine(folder, IndexFileName);
        File.WriteAllText(indexPath, HtmlPage.Render(data, sections, DataFileName));
        return new ReportResult(
            indexPath,
            dataPath,
            images.Select(f => Path.Combine(folder, f)).ToList(),
            sections.Where(s => !s.IsPresent).Select(s => s.Heading).ToList());
    }
}
