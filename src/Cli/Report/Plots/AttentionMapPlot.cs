using ScottPlot;

namespace Dupn.MLNet.Cli.Report.Plots;

/// <summary>Plot 2: one user's attention weights, rows = queries, columns = behaviours oldest to newest.</summary>
internal static class AttentionMapPlot
{
    /// <summary>
    /// Above this many columns only every k-th behaviour is labelled, so labels never overlap. The
    /// paper's histories are 100 long: up to that every column keeps its label (smaller type).
    /// </summary>
    private const int MaxColumnLabels = 100;

    public static void Draw(AttentionMap map, string path)
    {
        int rows = map.Queries.Count;
        int columns = map.BehaviorLabels.Count;
        var values = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                values[r, c] = map.Weights[r, c];
            }
        }

        var plot = PlotStyle.NewPlot(
            $"Attention over user {map.UserId}'s history by query",
            "behaviour (type · category), oldest \u2192 newest", "query");
        int every = (columns + MaxColumnLabels - 1) / MaxColumnLabels;

        // Wide histories get a wider picture (about 16 px per column) so cells stay visible; the
        // behaviour labels hang below the map, so the height grows with the rows on top of them.
        int width = Math.Max(PlotStyle.Width, 260 + 16 * Math.Min(columns, 100));
        int height = Math.Max(PlotStyle.Height, 300 + 40 * rows);
        if ((width - 260.0) / columns < 20)
        {
            plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        }

        HeatmapDrawing.Add(plot, values, map.Queries, map.BehaviorLabels, "attention weight", width, every);
        PlotStyle.Save(plot, path, width, height);
    }
}
