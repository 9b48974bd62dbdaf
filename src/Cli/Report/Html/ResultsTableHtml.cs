namespace Dupn.MLNet.Cli.Report.Html;

/// <summary>The models x tasks table as HTML, the best value of each column in bold (every tied one).</summary>
internal static class ResultsTableHtml
{
    public static string Render(ResultsTable table)
    {
        var best = new double?[table.Columns.Count];
        for (int c = 0; c < table.Columns.Count; c++)
        {
            foreach (var row in table.Rows)
            {
                if (row.Values[c] is double v && (best[c] is null || v > best[c]))
                {
                    best[c] = v;
                }
            }
        }

        var html = new System.Text.StringBuilder();
        html.Append("<table class=\"results\">\n<thead><tr><th>model</th>");
        foreach (var column in table.Columns)
        {
            html.Append($"<th>{HtmlText.Encode(column.Task)} {HtmlText.Encode(column.Metric)}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append($"<tr><th>{HtmlText.Encode(row.Model)}</th>");
            for (int c = 0; c < table.Columns.Count; c++)
            {
                if (row.Values[c] is not double v)
                {
                    html.Append("<td>-</td>");
                    continue;
                }

                string text = table.Columns[c].ShowAsPercent ? HtmlText.Percent(v) : HtmlText.Fraction(v);

                // Compare the shown text so values equal at display precision are all bold.
                string bestText = table.Columns[c].ShowAsPercent ? HtmlText.Percent(best[c]!.Value) : HtmlText.Fraction(best[c]!.Value);
                html.Append(text == bestText ? $"<td><b>{text}</b></td>" : $"<td>{text}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        return html.ToString();
    }
}
