using ScottPlot;

namespace Dupn.MLNet.Cli.Report.Plots;

/// <summary>Plot 4: PPP precision and recall per purchasing-power level, as grouped bars.</summary>
internal static class PppLevelsPlot
{
    public static void Draw(PppLevelMetrics ppp, string path)
    {
        var plot = PlotStyle.NewPlot("PPP: precision and recall per level", "purchasing-power level (1 = lowest)", "precision / recall");
        int levels = ppp.Precision.Length;
        const double barWidth = 0.38;
        var bars = new List<Bar>();
        for (int level = 0; level < levels; level++)
        {
            // NaN (undefined) is drawn as no bar; the x label still shows the level.
            if (!double.IsNaN(ppp.Precision[level]))
            {
                bars.Add(new Bar { Position = level - barWidth / 2, Value = ppp.Precision[level], Size = barWidth, FillColor = PlotStyle.Line(0), LineWidth = 0 });
            }

            if (!double.IsNaN(ppp.Recall[level]))
            {
                bars.Add(new Bar { Position = level + barWidth / 2, Value = ppp.Recall[level], Size = barWidth, FillColor = PlotStyle.Line(1), LineWidth = 0 });
            }
        }

        plot.Add.Bars(bars);
        PlotStyle.BottomLabels(plot, Enumerable.Range(1, levels).Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "precision", FillColor = PlotStyle.Line(0) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "recall", FillColor = PlotStyle.Line(1) });
        plot.ShowLegend(Alignment.UpperRight);

        // Fractions: a fixed 0..1 axis (plus head room for the legend) keeps reports comparable.
        plot.Axes.SetLimits(-0.7, levels - 0.3, 0, 1.15);
        PlotStyle.Save(plot, path);
    }
}
