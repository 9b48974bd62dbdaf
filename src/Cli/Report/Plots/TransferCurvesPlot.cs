using ScottPlot;

namespace Dupn.MLNet.Cli.Report.Plots;

/// <summary>Plot 5: the held-out task's metric under each transfer protocol, one line each.</summary>
internal static class TransferCurvesPlot
{
    public static void Draw(TransferSection transfer, string path)
    {
        var plot = PlotStyle.NewPlot(
            $"Transfer to {transfer.Task}: test {transfer.Metric} by protocol", transfer.XAxis, transfer.Metric);
        for (int i = 0; i < transfer.Curves.Count; i++)
        {
            var curve = transfer.Curves[i];
            var line = plot.Add.Scatter(
                curve.Points.Select(p => (double)p.Step).ToArray(),
                curve.Points.Select(p => p.Value).ToArray(),
                PlotStyle.Line(i));
            line.LegendText = curve.Protocol;
            line.LineWidth = 2.5f;
            line.MarkerSize = curve.Points.Count <= 40 ? 6 : 0;
        }

        PlotStyle.FitCurveLimits(plot, transfer.Curves.SelectMany(c => c.Points));
        plot.ShowLegend(Alignment.LowerRight);
        PlotStyle.Save(plot, path);
    }
}
