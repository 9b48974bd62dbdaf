namespace Dupn.MLNet.Cli.Report;

/// <summary>One section of the page, drawn or absent.</summary>
/// <param name="Heading">The section's heading.</param>
/// <param name="BodyHtml">The section's HTML (figures, table), or null when the section had no data.</param>
/// <param name="MissingHint">For an absent section: what data would fill it.</param>
internal sealed record ReportSection(string Heading, string? BodyHtml, string MissingHint)
{
    public bool IsPresent => BodyHtml is not null;
}
