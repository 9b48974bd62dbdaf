using System.Globalization;
using ScottPlot;

namespace Dupn.MLNet.Cli.Report.Plots;

/// <summary>Plot 3: mean attention by behaviour type (rows) x time-gap bucket (columns), values written in the cells.</summary>
internal static class AttentionByPropertyPlot
{
    public static void Draw(AttentionByProperty data, string path)
    {
        var plot = PlotStyle.NewPlot("Mean attention by behaviour type and time gap", "time gap to the request", "behaviour type");
        HeatmapDrawing.Add(plot, data.MeanWeights, data.BehaviorTypes, data.TimeBuckets, "mean attention weight", PlotStyle.Width);

        int rows = data.BehaviorTypes.Count;
        int columns = data.TimeBuckets.Count;
        if (rows * columns <= 120)
        {
            // The numbers make small differences readable; the text colour follows the cell's brightness.
            double[] known = data.MeanWeights.Cast<double>().Where(v => !double.IsNaN(v)).ToArray();
            double min = known.Min();
            double span = known.Max() - min;
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    double v = data.MeanWeights[r, c];
                    string text = double.IsNaN(v) ? "n/a" : v.ToString("0.000", CultureInfo.InvariantCulture);
                    var label = plot.Add.Text(text, c, rows - 1 - r);
                    label.LabelFontSize = PlotStyle.TickSize;
                    label.LabelAlignment = Alignment.MiddleCenter;
                    double t = double.IsNaN(v) || span == 0 ? 0 : (v - min) / span;
                    label.LabelFontColor = double.IsNaN(v) || t > 0.6 ? Colors.Black : Colors.White;
                }
            }
        }

        PlotStyle.Save(plot, path);
    }
}
