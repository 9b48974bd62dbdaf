using Dupn.MLNet.Cli.Report;

namespace Dupn.MLNet.Cli.Tests.Report;

/// <summary>Data at the edges still gives valid, non-blank pictures (no exception from the plotting library).</summary>
public sealed class EdgeCaseRenderingTests : IDisposable
{
    // DUPN_REPORT_TEST_OUT keeps these pictures too (in its "edge" subfolder), to look at them.
    private static readonly string? KeepFolder = Environment.GetEnvironmentVariable("DUPN_REPORT_TEST_OUT");

    private readonly string _folder = string.IsNullOrEmpty(KeepFolder)
        ? Path.Combine(Path.GetTempPath(), "dupn-report-" + Guid.NewGuid().ToString("N"))
        : Path.Combine(Path.GetFullPath(KeepFolder), "edge");

    [Fact]
    public void SinglePointCurvesConstantHeatMapsAndUndefinedLevelsRender()
    {
        var data = new ReportData
        {
            TrainingCurves = [new MetricCurve("CTR", "multi-task", "AUC", [new(100, 0.61)])],
            AttentionMaps = [new AttentionMap("uniform", ["q"], ["click · a", "buy · b"], new float[,] { { 0.5f, 0.5f } })],
            AttentionByProperty = new AttentionByProperty(["click", "buy"], ["< 1 min"], new double[,] { { 0.25 }, { double.NaN } }),
            PppLevels = new PppLevelMetrics([double.NaN, 0.5, 0.0], [0.0, 1.0, double.NaN]),
            Transfer = new TransferSection("SPP", "AUC", "training time (s)", [new TransferCurve("RT", [new(0, 0.6), new(30, 0.65)])]),
        };

        var result = ReportWriter.Write(data, _folder);

        Assert.Equal(5, result.Images.Count);
        foreach (string image in result.Images)
        {
            Assert.Equal((800, 500), PngFile.ReadSize(image));
            int colours = PngFile.DistinctColours(image);
            Assert.True(colours > 10, $"{Path.GetFileName(image)} uses only {colours} colours.");
        }

        foreach (string heatmap in result.Images.Where(i => Path.GetFileName(i).StartsWith("attention", StringComparison.Ordinal)))
        {
            double white = PngFile.WhiteFraction(heatmap);
            Assert.True(white < 0.5, $"{Path.GetFileName(heatmap)} is {white:P0} white: the cells were not drawn.");
        }

        string html = File.ReadAllText(result.IndexPath);
        Assert.Contains("multi-task 0.61000 at step 100", html);
        Assert.Contains("Last values here: RT 0.65000", html);
        Assert.Contains("types by mean over the time buckets: click 0.250.", html);
    }

    public void Dispose()
    {
        if (string.IsNullOrEmpty(KeepFolder) && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
