using System.Globalization;
using System.Net;

namespace Dupn.MLNet.Cli.Report.Html;

/// <summary>Small HTML helpers: escaping, invariant number formats and a figure with caption.</summary>
internal static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>"0.72519" for AUC-like values.</summary>
    public static string Fraction(double value) => value.ToString("0.00000", CultureInfo.InvariantCulture);

    /// <summary>"44.011%" for accuracy/precision-like values.</summary>
    public static string Percent(double value) => (value * 100).ToString("0.000", CultureInfo.InvariantCulture) + "%";

    /// <summary>A metric value as the paper prints it: AUC as a fraction, anything else as a percentage.</summary>
    public static string Metric(string metric, double value) =>
        string.Equals(metric, "AUC", StringComparison.OrdinalIgnoreCase) ? Fraction(value) : Percent(value);

    /// <summary>
    /// An image beside index.html with its caption; <paramref name="captionHtml"/> is already HTML.
    /// The image links to itself so a wide heat map shrunk to the page can be opened full size.
    /// </summary>
    public static string Figure(string fileName, string alt, string captionHtml) =>
        $"<figure>\n<a href=\"{Encode(fileName)}\"><img src=\"{Encode(fileName)}\" alt=\"{Encode(alt)}\"></a>\n"
        + $"<figcaption>{captionHtml}</figcaption>\n</figure>\n";
}
