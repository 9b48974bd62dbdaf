using Dupn.MLNet.Cli.Report.Html;

namespace Dupn.MLNet.Cli.Report.Sections;

/// <summary>The results table (tasks x models), like the paper's Table 2.</summary>
internal static class ResultsSection
{
    public const string Heading = "Results by model and task";

    public static ReportSection Render(ResultsTable? table)
    {
        const string hint = "no results table (evaluate each model on the test data).";
        if (table is null || table.Rows.Count == 0 || table.Columns.Count == 0)
        {
            return new ReportSection(Heading, null, hint);
        }

        string body = ResultsTableHtml.Render(table)
            + "<p>Test metric of each model on each task; the best value of each task is in <b>bold</b>, '-' where a model does not apply. "
            + "In the paper's Table 2 DUPN-all is best on every task (L2R AUC 0.750, CTR AUC 0.725, FIFP AUC 0.773, PPP precision 44.0%), "
            + "and each property-aware variant beats DUPN-nobp.</p>\n";
        return new ReportSection(Heading, body, hint);
    }
}
