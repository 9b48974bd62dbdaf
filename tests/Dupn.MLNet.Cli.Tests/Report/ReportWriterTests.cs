using System.Text.RegularExpressions;
using Dupn.MLNet.Cli.Report;

namespace Dupn.MLNet.Cli.Tests.Report;

public sealed class ReportWriterTests(FullReportFixture report) : IClassFixture<FullReportFixture>
{
    private static readonly string[] ExpectedImages =
    [
        "training-1-l2r.png", "training-2-ctr.png", "training-3-fifp.png", "training-4-ppp.png",
        "attention-1-u1024.png", "attention-2-u77.png", "attention-by-property.png", "ppp-levels.png", "transfer.png",
    ];

    [Fact]
    public void FullReportWritesOnePngPerPlot()
    {
        Assert.Equal(ExpectedImages, report.Result.Images.Select(Path.GetFileName));
        Assert.Equal(
            ExpectedImages.Order(),
            Directory.GetFiles(report.Folder, "*.png").Select(Path.GetFileName).Order());
        Assert.Empty(report.Result.MissingSections);
    }

    [Theory]
    [InlineData("training-1-l2r.png", 800, 500, 40)]
    [InlineData("training-4-ppp.png", 800, 500, 40)]
    [InlineData("transfer.png", 800, 500, 40)]
    [InlineData("ppp-levels.png", 800, 500, 20)]
    [InlineData("attention-by-property.png", 800, 500, 100)]
    [InlineData("attention-1-u1024.png", 800, 500, 100)]
    [InlineData("attention-2-u77.png", 260 + 16 * 100, 500, 100)]
    public void EveryPngIsValidSizedAndNotBlank(string file, int width, int height, int minColours)
    {
        string path = Path.Combine(report.Folder, file);
        var size = PngFile.ReadSize(path);
        Assert.Equal((width, height), size);
        int colours = PngFile.DistinctColours(path);
        Assert.True(colours > minColours, $"{file} uses only {colours} colours; expected more than {minColours} (blank or empty plot?).");
        if (file.StartsWith("attention", StringComparison.Ordinal))
        {
            // Heat-map cells fill most of the picture; line and bar charts are mostly white.
            Assert.True(PngFile.WhiteFraction(path) < 0.5, $"{file}: heat-map cells missing.");
        }
    }

    [Fact]
    public void HtmlReferencesEveryPng()
    {
        var sources = Regex.Matches(report.Html, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ExpectedImages, sources);
        Assert.Contains("<figcaption>", report.Html);
        Assert.Contains("buys get the most attention, then clicks and carts, favourites the least", report.Html);
        Assert.Contains($"href=\"{ReportWriter.DataFileName}\"", report.Html);
        Assert.DoesNotContain("Not in this report", report.Html);
    }

    [Fact]
    public void ResultsTableBoldsTheBestValueOfEachTask()
    {
        var bold = Regex.Matches(report.Html, "<td><b>([^<]+)</b></td>").Select(m => m.Groups[1].Value).ToList();

        // Table 2: DUPN-all is best on every task.
        Assert.Equal(["0.75005", "0.72519", "0.77323", "44.011%"], bold);
        string dupnAll = Regex.Match(report.Html, "<tr><th>DUPN-all</th>.*?</tr>").Value;
        Assert.Equal(4, Regex.Matches(dupnAll, "<b>").Count);
        string dssm = Regex.Match(report.Html, "<tr><th>DSSM</th>.*?</tr>").Value;
        Assert.Equal("<tr><th>DSSM</th><td>-</td><td>0.68961</td><td>0.72035</td><td>-</td></tr>", dssm);
        Assert.Contains("<td>34.094%</td>", report.Html);
        Assert.Contains("<th>PPP precision</th>", report.Html);
    }

    [Fact]
    public void TiedBestValuesAreAllBold()
    {
        var table = new ResultsTable(
            [new("CTR", "AUC"), new("PPP", "accuracy")],
            [new("a", [0.7, 0.40]), new("b", [0.7, 0.41]), new("c", [0.6, null])]);
        string html = RenderHtml(new ReportData { Results = table });
        Assert.Equal(
            ["0.70000", "0.70000", "41.000%"],
            Regex.Matches(html, "<td><b>([^<]+)</b></td>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void CaptionsStateTheLastValuesAndTheMostAttendedBehaviour()
    {
        var ctrMulti = report.Data.TrainingCurves!.Single(c => c.Task == "CTR" && c.Model == "multi-task");
        Assert.Contains($"multi-task {ctrMulti.Points[^1].Value:0.00000} at step 6000", report.Html);

        // Under "running shoes" the synthetic user attends most to a shoe behaviour.
        var peak = Regex.Match(report.Html, "&ldquo;running shoes&rdquo; &rarr; ([^(]+) \\(").Groups[1].Value;
        Assert.EndsWith("shoes", peak.Trim());

        // Types ordered by mean attention, as the synthetic data was built: buy > click > cart > fav.
        Assert.Matches("buy [0-9.]+ &gt; click [0-9.]+ &gt; cart [0-9.]+ &gt; fav [0-9.]+", report.Html);
    }

    [Fact]
    public void MissingSectionsAreNamedAndTheRestIsDrawn()
    {
        var data = new ReportData { PppLevels = SyntheticReportData.Full().PppLevels, Results = SyntheticReportData.Table2() };
        string folder = Path.Combine(Path.GetTempPath(), "dupn-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = ReportWriter.Write(data, folder);
            Assert.Equal(["ppp-levels.png"], Directory.GetFiles(folder, "*.png").Select(Path.GetFileName));
            Assert.Equal(
                ["Multi-task vs single-task training", "Attention over one user's history under different queries",
                 "Attention by behaviour type and time gap", "Transfer to a new task"],
                result.MissingSections);
            string html = File.ReadAllText(result.IndexPath);
            string absent = Regex.Match(html, "<div class=\"absent\".*?</div>", RegexOptions.Singleline).Value;
            foreach (string heading in result.MissingSections)
            {
                Assert.Contains(System.Net.WebUtility.HtmlEncode(heading), absent);
            }

            Assert.DoesNotContain("Purchasing-power", absent);
            Assert.Contains("<h2>Purchasing-power prediction (PPP) per level</h2>", html);
        Assert.Contains("<a href=\"#section-2\">Purchasing-power prediction (PPP) per level</a>", html);
            Assert.Contains("<table class=\"results\">", html);
            Assert.DoesNotContain("<h2>Transfer to a new task</h2>", html);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EmptyDataGivesAPageThatListsEverySectionAsAbsent()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dupn-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = ReportWriter.Write(new ReportData { TrainingCurves = [] }, folder);
            Assert.Empty(result.Images);
            Assert.Equal(6, result.MissingSections.Count);
            Assert.Empty(Directory.GetFiles(folder, "*.png"));
            Assert.Contains("Not in this report", File.ReadAllText(result.IndexPath));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string RenderHtml(ReportData data)
    {
        string folder = Path.Combine(Path.GetTempPath(), "dupn-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            return File.ReadAllText(ReportWriter.Write(data, folder).IndexPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
