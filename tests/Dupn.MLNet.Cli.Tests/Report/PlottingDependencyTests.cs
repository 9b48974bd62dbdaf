using Dupn.MLNet.Cli.Report;

namespace Dupn.MLNet.Cli.Tests.Report;

/// <summary>
/// Team rule: ScottPlot (the report's plots) must never share a process with
/// Microsoft.ML.ImageAnalytics, so the `dupn` tool must not depend on it, directly or transitively.
/// </summary>
public sealed class PlottingDependencyTests
{
    [Fact]
    public void TheCliDependsOnScottPlotButNotOnImageAnalytics()
    {
        // This test project's dependency file holds the CLI's whole dependency closure.
        string deps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Dupn.MLNet.Cli.Tests.deps.json"));
        Assert.Contains("\"ScottPlot/5.1.59\"", deps);
        Assert.DoesNotContain("Microsoft.ML.ImageAnalytics", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(
            typeof(ReportWriter).Assembly.GetReferencedAssemblies(),
            a => a.Name!.StartsWith("Microsoft.ML.ImageAnalytics", StringComparison.OrdinalIgnoreCase));
    }
}
