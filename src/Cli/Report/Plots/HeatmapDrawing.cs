using ScottPlot;

namespace Dupn.MLNet.Cli.Report.Plots;

/// <summary>
/// Draws a labelled matrix as a heat map with a colour bar: row 0 at the top, column 0 at the left,
/// cell (r, c) centred on x = c, y = rows - 1 - r so the tick labels sit on the cells.
/// </summary>
internal static class HeatmapDrawing
{
    public static ScottPlot.Plottables.Heatmap Add(
        Plot plot, double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels,
        string colourBarLabel, int imageWidth, int columnLabelEvery = 1)
    {
        int rows = values.GetLength(0);
        int columns = values.GetLength(1);
        var heatmap = plot.Add.Heatmap(AtLeastTwoByTwo(values));
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.LightGray;
        heatmap.Rectangle = new CoordinateRect(-0.5, columns - 0.5, -0.5, rows - 0.5);

        // All cells equal (e.g. uniform attention): a zero-width colour range draws nothing at all,
        // so centre the colour map on the value instead.
        double[] known = values.Cast<double>().Where(v => !double.IsNaN(v)).ToArray();
        if (known.Length > 0 && known.Max() - known.Min() < 1e-12)
        {
            double pad = Math.Max(1e-6, Math.Abs(known[0]) * 0.5);
            heatmap.ManualRange = new ScottPlot.Range(known[0] - pad, known[0] + pad);
        }

        var colourBar = plot.Add.ColorBar(heatmap);
        colourBar.Label = colourBarLabel;
        colourBar.LabelStyle.FontSize = PlotStyle.LabelSize;

        var columnPositions = new List<double>();
        var shownColumnLabels = new List<string>();
        for (int c = 0; c < columns; c += Math.Max(1, columnLabelEvery))
        {
            columnPositions.Add(c);
            shownColumnLabels.Add(columnLabels[c]);
        }

        PlotStyle.BottomLabels(plot, shownColumnLabels, columnPositions);
        PlotStyle.LeftLabels(plot, rowLabels, Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray());

        // About 260 px go to the left labels and the colour bar; the rest is shared by the columns.
        double pixelsPerLabel = (imageWidth - 260.0) / columns * Math.Max(1, columnLabelEvery);
        PlotStyle.FitBottomLabels(plot, shownColumnLabels, pixelsPerLabel);
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        return heatmap;
    }

    /// <summary>
    /// ScottPlot draws nothing for a heat map with a single row or column, so such a matrix is drawn
    /// with that row or column repeated: two half cells of one colour inside the same rectangle.
    /// </summary>
    private static double[,] AtLeastTwoByTwo(double[,] values)
    {
        int rows = values.GetLength(0);
        int columns = values.GetLength(1);
        int rowRepeat = rows == 1 ? 2 : 1;
        int columnRepeat = columns == 1 ? 2 : 1;
        if (rowRepeat == 1 && columnRepeat == 1)
        {
            return values;
        }

        var padded = new double[rows * rowRepeat, columns * columnRepeat];
        for (int r = 0; r < padded.GetLength(0); r++)
        {
            for (int c = 0; c < padded.GetLength(1); c++)
            {
                padded[r, c] = values[r / rowRepeat, c / columnRepeat];
            }
        }

        return padded;
    }
}
