using System.Globalization;
using ScottPlot;

namespace Dupn.MLNet.Cli.Report.Plots;

/// <summary>Plot 4: PPP precision and recall per purchasing-power level, as grouped bars with their values.</summary>
internal static class PppLevelsPlot
{
    private const double BarWidth = 0.38;

    public static void Draw(PppLevelMetrics ppp, string path)
    {
        var plot = PlotStyle.NewPlot("PPP: precision and recall per level", "purchasing-power level (1 = lowest)", "precision / recall");
        int levels = ppp.Precision.Length;
        var bars = new List<Bar>();
        for (int level = 0; level < levels; level++)
        {
            AddBar(plot, bars, level - BarWidth / 2, ppp.Precision[level], PlotStyle.Line(0), levels);
            AddBar(plot, bars, level + BarWidth / 2, ppp.Recall[level], PlotStyle.Line(1), levels);
        }

        plot.Add.Bars(bars);
        PlotStyle.BottomLabels(plot, Enumerable.Range(1, levels).Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "precision", FillColor = PlotStyle.Line(0) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "recall", FillColor = PlotStyle.Line(1) });
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Alignment.UpperCenter);

        // Fractions: a fixed 0..1 axis keeps reports comparable; the band above 1 (no ticks there)
        // holds the value labels of bars near 1 and the legend, so neither covers a bar.
        var ticks = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            ticks, ticks.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(-0.7, levels - 0.3, 0, 1.2);
        PlotStyle.Save(plot, path);
    }

    /// <summary>
    /// A bar with its value written above it, so a zero reads "0.00" and an undefined value (NaN, no
    /// bar) reads "n/a" instead of both looking like a missing bar.
    /// </summary>
    private static void AddBar(Plot plot, List<Bar> bars, double position, double value, Color colour, int levels)
    {
        bool undefined = double.IsNaN(value);
        if (!undefined)
        {
            bars.Add(new Bar { Position = position, Value = value, Size = BarWidth, FillColor = colour, LineWidth = 0 });
        }

        var label = plot.Add.Text(undefined ? "n/a" : value.ToString("0.00", CultureInfo.InvariantCulture), position, undefined ? 0 : value);
        label.LabelAlignment = Alignment.LowerCenter;
        label.LabelFontSize = levels <= 10 ? PlotStyle.TickSize - 1 : 8;
        label.LabelFontColor = undefined ? Colors.Gray : Colors.Black;
        label.LabelOffsetY = -3;
    }
}
