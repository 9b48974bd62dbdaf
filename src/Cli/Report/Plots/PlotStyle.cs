using ScottPlot;

namespace Dupn.MLNet.Cli.Report.Plots;

/// <summary>
/// The look every report plot shares: sizes, font sizes and a colour-blind-safe line palette
/// (Okabe-Ito), so the PNGs read the same side by side in the HTML page.
/// </summary>
internal static class PlotStyle
{
    public const int Width = 800;
    public const int Height = 500;
    public const float TitleSize = 18;
    public const float LabelSize = 15;
    public const float TickSize = 12;
    public const float LegendSize = 13;

    /// <summary>Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), // blue
        Color.FromHex("#D55E00"), // vermilion
        Color.FromHex("#009E73"), // bluish green
        Color.FromHex("#CC79A7"), // reddish purple
        Color.FromHex("#E69F00"), // orange
        Color.FromHex("#56B4E9"), // sky blue
        Color.FromHex("#000000"), // black
    ];

    /// <summary>A plot with title, axis labels and the shared font sizes.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Legend.FontSize = LegendSize;
        return plot;
    }

    /// <summary>Line colour for the i-th series (wraps around the palette).</summary>
    public static Color Line(int index) => Palette[index % Palette.Length];

    /// <summary>Puts text labels at the integer positions 0..n-1 of the bottom axis.</summary>
    public static void BottomLabels(Plot plot, IReadOnlyList<string> labels, IReadOnlyList<double>? positions = null)
    {
        double[] at = positions?.ToArray() ?? Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(at, labels.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
    }

    /// <summary>Puts text labels at the integer positions 0..n-1 of the left axis.</summary>
    public static void LeftLabels(Plot plot, IReadOnlyList<string> labels, IReadOnlyList<double> positions)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), labels.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
    }

    /// <summary>Writes the plot as a PNG of the given size.</summary>
    public static void Save(Plot plot, string path, int width = Width, int height = Height)
    {
        plot.SavePng(path, width, height);
    }
}
