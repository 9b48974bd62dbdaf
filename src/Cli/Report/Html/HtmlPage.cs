using System.Globalization;
using System.Text;

namespace Dupn.MLNet.Cli.Report.Html;

/// <summary>
/// Assembles index.html: a header with the provenance, a list of the absent sections, then every
/// present section. Styles are inline so the page needs nothing but the PNGs beside it.
/// </summary>
internal static class HtmlPage
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        h1 { margin-bottom: 0.2em; }
        .meta { color: #555; font-size: 0.95em; }
        section { margin-top: 2.2em; }
        figure { margin: 1.2em 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-size: 0.95em; color: #333; margin-top: 0.4em; }
        .absent { background: #fff7e0; border: 1px solid #e8d49a; padding: 0.6em 1em; }
        table.results { border-collapse: collapse; margin: 1em 0; }
        table.results th, table.results td { border: 1px solid #ccc; padding: 0.3em 0.8em; text-align: right; }
        table.results thead th { background: #f0f0f0; text-align: center; }
        table.results tbody th { text-align: left; font-weight: normal; }
        """;

    public static string Render(ReportData data, IReadOnlyList<ReportSection> sections, string dataFileName)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>{HtmlText.Encode(data.Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n");
        html.Append($"<h1>{HtmlText.Encode(data.Title)}</h1>\n<p class=\"meta\">");
        var meta = new List<string>();
        if (data.ModelPath is not null)
        {
            meta.Add($"model: <code>{HtmlText.Encode(data.ModelPath)}</code>");
        }

        if (data.DataPath is not null)
        {
            meta.Add($"data: <code>{HtmlText.Encode(data.DataPath)}</code>");
        }

        if (data.CreatedUtc is { } created)
        {
            meta.Add($"gathered: {created.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        }

        meta.Add($"data behind this page: <a href=\"{HtmlText.Encode(dataFileName)}\">{HtmlText.Encode(dataFileName)}</a>");
        html.Append(string.Join(" &middot; ", meta)).Append("</p>\n");

        var absent = sections.Where(s => !s.IsPresent).ToList();
        if (absent.Count > 0)
        {
            html.Append("<div class=\"absent\" id=\"absent\"><p><b>Not in this report</b> (no data for these sections):</p>\n<ul>\n");
            foreach (var section in absent)
            {
                html.Append($"<li><b>{HtmlText.Encode(section.Heading)}</b>: {HtmlText.Encode(section.MissingHint)}</li>\n");
            }

            html.Append("</ul></div>\n");
        }

        var present = sections.Where(s => s.IsPresent).ToList();
        if (present.Count > 1)
        {
            html.Append("<nav><ol>\n");
            for (int i = 0; i < present.Count; i++)
            {
                html.Append($"<li><a href=\"#section-{i + 1}\">{HtmlText.Encode(present[i].Heading)}</a></li>\n");
            }

            html.Append("</ol></nav>\n");
        }

        for (int i = 0; i < present.Count; i++)
        {
            html.Append($"<section id=\"section-{i + 1}\">\n<h2>{HtmlText.Encode(present[i].Heading)}</h2>\n{present[i].BodyHtml}</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
