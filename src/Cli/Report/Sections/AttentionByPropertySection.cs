using System.Globalization;
using Dupn.MLNet.Cli.Report.Html;
using Dupn.MLNet.Cli.Report.Plots;

namespace Dupn.MLNet.Cli.Report.Sections;

/// <summary>Plot 3: mean attention by behaviour type x time bucket.</summary>
internal static class AttentionByPropertySection
{
    public const string Heading = "Attention by behaviour type and time gap";
    public const string FileName = "attention-by-property.png";

    public static ReportSection Render(AttentionByProperty? data, string folder, List<string> images)
    {
        const string hint = "no attention averages by behaviour property (average the attention weights over many users by type and time bucket).";
        if (data is null)
        {
            return new ReportSection(Heading, null, hint);
        }

        AttentionByPropertyPlot.Draw(data, Path.Combine(folder, FileName));
        images.Add(FileName);
        var typeMeans = Enumerable.Range(0, data.BehaviorTypes.Count)
            .Select(r => (Type: data.BehaviorTypes[r], Mean: RowMean(data.MeanWeights, r)))
            .Where(x => !double.IsNaN(x.Mean))
            .OrderByDescending(x => x.Mean)
            .Select(x => $"{HtmlText.Encode(x.Type)} {x.Mean.ToString("0.000", CultureInfo.InvariantCulture)}");
        string body = HtmlText.Figure(FileName, "mean attention by behaviour type and time gap",
            "Mean attention weight of a behaviour by its type (rows) and its time gap to the request (columns); grey cells had no behaviours. "
            + "The paper finds buys get the most attention, then clicks and carts, favourites the least; "
            + "recent clicks matter more than old ones, while very recent buys get less. "
            + $"Here, types by mean over the time buckets: {string.Join(" &gt; ", typeMeans)}.");
        return new ReportSection(Heading, body, hint);
    }

    private static double RowMean(double[,] values, int row)
    {
        double sum = 0;
        int count = 0;
        for (int c = 0; c < values.GetLength(1); c++)
        {
            if (!double.IsNaN(values[row, c]))
            {
                sum += values[row, c];
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
