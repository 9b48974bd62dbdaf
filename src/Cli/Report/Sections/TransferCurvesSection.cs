using Dupn.MLNet.Cli.Report.Html;
using Dupn.MLNet.Cli.Report.Plots;

namespace Dupn.MLNet.Cli.Report.Sections;

/// <summary>Plot 5: the transfer protocols RS / RA / RT / FT on one chart.</summary>
internal static class TransferCurvesSection
{
    public const string Heading = "Transfer to a new task";
    public const string FileName = "transfer.png";

    public static ReportSection Render(TransferSection? transfer, string folder, List<string> images)
    {
        const string hint = "no transfer curves (train the held-out task with the RS, RA, RT and FT protocols).";
        if (transfer is null || transfer.Curves.Count == 0)
        {
            return new ReportSection(Heading, null, hint);
        }

        TransferCurvesPlot.Draw(transfer, Path.Combine(folder, FileName));
        images.Add(FileName);
        string finals = string.Join(", ", transfer.Curves.Select(c =>
            $"{HtmlText.Encode(c.Protocol)} {HtmlText.Metric(transfer.Metric, c.Points[^1].Value)}"));
        string body = HtmlText.Figure(FileName, $"transfer curves for {transfer.Task}",
            $"Test {HtmlText.Encode(transfer.Metric)} of the held-out task <b>{HtmlText.Encode(transfer.Task)}</b> under each protocol: "
            + "RS retrains on the new task alone, RA retrains with all tasks, RT freezes the representation and trains a shallow net on it, "
            + "FT starts from the trained DUPN and fine-tunes everything. The paper (SPP AUC) finds RA &asymp; 0.676 and FT &asymp; 0.675 best, "
            + "FT converging fastest, RS &asymp; 0.657, and RT &asymp; 0.651 slightly lower but the cheapest (no second network online). "
            + $"Last values here: {finals}.");
        return new ReportSection(Heading, body, hint);
    }
}
