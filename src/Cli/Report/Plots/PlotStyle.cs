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

    /// <summary>
    /// The plots' font: DejaVu Sans where installed (most Linux systems), else the sans-serif face
    /// ScottPlot finds (on Linux it may fall back to a serif one).
    /// </summary>
    public static readonly string FontName =
        SkiaSharp.SKFontManager.Default.GetFontFamilies().Contains("DejaVu Sans") ? "DejaVu Sans" : Fonts.Sans;

    /// <summary>A plot with title, axis labels and the shared font sizes.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();

        // A sans-serif face reads better at small sizes (regular weight, like matplotlib's defaults).
        plot.Font.Set(FontName);
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Legend.FontSize = LegendSize;
        return plot;
    }

    /// <summary>
    /// Auto-scaling fails on degenerate curves (one step, or one value): it zooms to a width of 2 around
    /// the point and shows fractional steps. Give such axes a sensible window; leave others to ScottPlot.
    /// </summary>
    public static void FitCurveLimits(Plot plot, IEnumerable<CurvePoint> points)
    {
        var all = points.ToList();
        long minStep = all.Min(p => p.Step);
        long maxStep = all.Max(p => p.Step);
        double minValue = all.Min(p => p.Value);
        double maxValue = all.Max(p => p.Value);
        plot.Axes.AutoScale();
        if (minStep == maxStep)
        {
            double reach = Math.Max(1, Math.Abs(maxStep));
            plot.Axes.SetLimitsX(minStep - reach, maxStep + reach);
        }

        if (maxValue - minValue < 1e-9)
        {
            double pad = Math.Max(0.05, Math.Abs(maxValue) * 0.1);
            plot.Axes.SetLimitsY(minValue - pad, maxValue + pad);
        }
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

    /// <summary>
    /// Keeps bottom labels from overlapping: horizontal when they fit in <paramref name="pixelsPerLabel"/>,
    /// else turned 45 or 90 degrees, with the axis made tall enough for the longest label.
    /// </summary>
    public static void FitBottomLabels(Plot plot, IReadOnlyList<string> labels, double pixelsPerLabel)
    {
        var style = plot.Axes.Bottom.TickLabelStyle;
        float widest = labels.Count == 0 ? 0 : labels.Max(l => TextWidth(l, style.FontSize));
        float lineHeight = style.FontSize * 1.3f;
        if (widest + 8 <= pixelsPerLabel)
        {
            return;
        }

        // 45 degrees needs the labels' line height to fit across the diagonal spacing.
        int angle = pixelsPerLabel * Math.Sin(Math.PI / 4) >= lineHeight * 1.1 ? 45 : 90;
        style.Rotation = angle;
        style.Alignment = Alignment.MiddleLeft;
        double radians = angle * Math.PI / 180;
        double drop = widest * Math.Sin(radians) + lineHeight * Math.Cos(radians);
        plot.Axes.Bottom.MinimumSize = (float)(drop + LabelSize * 1.6 + 12);
    }

    /// <summary>Width in pixels of <paramref name="text"/> at <paramref name="fontSize"/> in the plots' font.</summary>
    public static float TextWidth(string text, float fontSize)
    {
        var label = new LabelStyle { Text = text, FontSize = fontSize, FontName = FontName };
        using var paint = Paint.NewDisposablePaint();
        return label.Measure(paint).Size.Width;
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
