using ScottPlot;

namespace Dupn.MLNet.Cli.Report.Plots;

/// <summary>Plot 1: one task's metric over training steps, one line per model (multi-task vs single-task).</summary>
internal static class TrainingCurvesPlot
{
    public static void Draw(string task, IReadOnlyList<MetricCurve> curves, string path, string xLabel = "training step")
    {
        string metric = curves[0].Metric;
        var plot = PlotStyle.NewPlot($"{task}: test {metric} during training", xLabel, metric);
        for (int i = 0; i < curves.Count; i++)
        {
            var line = plot.Add.Scatter(
                curves[i].Points.Select(p => (double)p.Step).ToArray(),
                curves[i].Points.Select(p => p.Value).ToArray(),
                PlotStyle.Line(i));
            line.LegendText = curves[i].Model;
            line.LineWidth = 2.5f;
            line.MarkerSize = curves[i].Points.Count <= 40 ? 6 : 0;
        }

        PlotStyle.FitCurveLimits(plot, curves.SelectMany(c => c.Points));
        plot.ShowLegend(Alignment.LowerRight);
        PlotStyle.Save(plot, path);
    }
}
