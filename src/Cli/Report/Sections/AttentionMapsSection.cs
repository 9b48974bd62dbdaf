using Dupn.MLNet.Cli.Report.Html;
using Dupn.MLNet.Cli.Report.Plots;

namespace Dupn.MLNet.Cli.Report.Sections;

/// <summary>Plot 2: one heat map per user, rows = queries, columns = behaviours.</summary>
internal static class AttentionMapsSection
{
    public const string Heading = "Attention over one user's history under different queries";

    public static ReportSection Render(IReadOnlyList<AttentionMap>? maps, string folder, List<string> images)
    {
        const string hint = "no attention weights (score one user's history under several queries).";
        if (maps is null || maps.Count == 0)
        {
            return new ReportSection(Heading, null, hint);
        }

        var body = new System.Text.StringBuilder();
        for (int i = 0; i < maps.Count; i++)
        {
            var map = maps[i];
            string file = $"attention-{i + 1}-{FileNames.Slug(map.UserId)}.png";
            AttentionMapPlot.Draw(map, Path.Combine(folder, file));
            images.Add(file);
            body.Append(HtmlText.Figure(file, $"attention heat map of user {map.UserId}",
                $"User <b>{HtmlText.Encode(map.UserId)}</b>: each row is the attention (softmax over the "
                + $"{map.BehaviorLabels.Count} behaviours) under one query; columns run oldest to newest. "
                + "The paper finds the query pulls attention to the history items that match it, so the bright cells "
                + "should move from row to row to the behaviours of the query's category, and buys should stand out."
                + PeakSummary(map)));
        }

        return new ReportSection(Heading, body.ToString(), hint);
    }

    /// <summary>Names the most-attended behaviour for each query, so the picture can be checked in words.</summary>
    private static string PeakSummary(AttentionMap map)
    {
        var peaks = new List<string>();
        for (int q = 0; q < map.Queries.Count; q++)
        {
            int best = 0;
            for (int b = 1; b < map.BehaviorLabels.Count; b++)
            {
                if (map.Weights[q, b] > map.Weights[q, best])
                {
                    best = b;
                }
            }

            peaks.Add($"&ldquo;{HtmlText.Encode(map.Queries[q])}&rdquo; &rarr; {HtmlText.Encode(map.BehaviorLabels[best])} (#{best + 1})");
        }

        return " Most attended per query: " + string.Join("; ", peaks) + ".";
    }
}
