using Dupn.MLNet.Cli.Report;

namespace Dupn.MLNet.Cli.Tests.Report;

/// <summary>
/// Deterministic report data shaped like the paper's findings (seeded), so the pictures can be
/// checked by eye: multi-task above single-task, attention following the query, buys attended most.
/// </summary>
internal static class SyntheticReportData
{
    public static readonly string[] Types = ["click", "fav", "cart", "buy"];
    public static readonly string[] Buckets = ["< 1 min", "< 5 min", "< 30 min", "< 1 h", "< 1 day", "< 1 week", "older"];

    public static ReportData Full() => new()
    {
        Title = "DUPN report (synthetic)",
        ModelPath = "models/dupn-all.zip",
        DataPath = "data/test-day",
        CreatedUtc = new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero),
        TrainingCurves = TrainingCurves(),
        AttentionMaps = [AttentionMap("u1024", 30, seed: 7), AttentionMap("u77", 100, seed: 3)],
        AttentionByProperty = ByProperty(),
        PppLevels = new PppLevelMetrics(
            [0.52, 0.41, 0.38, 0.47, 0.36, 0.33, 0.98],
            [0.61, 0.35, 0.30, 0.55, 0.29, 0.22, 0.49]),
        Transfer = Transfer(),
        Results = Table2(),
    };

    public static IReadOnlyList<MetricCurve> TrainingCurves()
    {
        var random = new Random(11);
        var curves = new List<MetricCurve>();
        foreach (var (task, metric, final) in new[] { ("L2R", "AUC", 0.750), ("CTR", "AUC", 0.725), ("FIFP", "AUC", 0.773), ("PPP", "accuracy", 0.44) })
        {
            double start = metric == "AUC" ? 0.5 : 1.0 / 7;
            curves.Add(Curve(task, "multi-task", metric, start, final, tau: 900, random));
            curves.Add(Curve(task, "single-task", metric, start, final - (metric == "AUC" ? 0.01 : 0.04), tau: 1600, random));
        }

        return curves;
    }

    private static MetricCurve Curve(string task, string model, string metric, double start, double final, double tau, Random random)
    {
        var points = new List<CurvePoint>();
        for (long step = 0; step <= 6000; step += 250)
        {
            double value = start + (final - start) * (1 - Math.Exp(-step / tau)) + (random.NextDouble() - 0.5) * 0.004;
            points.Add(new CurvePoint(step, value));
        }

        return new MetricCurve(task, model, metric, points);
    }

    /// <summary>A user whose history mixes four categories; each query attends to its own category, buys most.</summary>
    public static AttentionMap AttentionMap(string user, int behaviours, int seed)
    {
        var random = new Random(seed);
        string[] categories = ["shoes", "dress", "phone", "snacks"];
        string[] queries = ["running shoes", "summer dress", "phone case", "chips"];
        var typeBonus = new Dictionary<string, double> { ["click"] = 0.5, ["fav"] = 0.0, ["cart"] = 0.4, ["buy"] = 1.2 };
        var labels = new string[behaviours];
        var category = new int[behaviours];
        var type = new string[behaviours];
        for (int b = 0; b < behaviours; b++)
        {
            category[b] = random.Next(categories.Length);
            double u = random.NextDouble();
            type[b] = u < 0.6 ? "click" : u < 0.75 ? "fav" : u < 0.9 ? "cart" : "buy";
            labels[b] = $"{type[b]} · {categories[category[b]]}";
        }

        var weights = new float[queries.Length, behaviours];
        for (int q = 0; q < queries.Length; q++)
        {
            var scores = new double[behaviours];
            for (int b = 0; b < behaviours; b++)
            {
                scores[b] = (category[b] == q ? 2.0 : 0) + typeBonus[type[b]] + 0.6 * b / behaviours;
            }

            double max = scores.Max();
            double sum = scores.Sum(s => Math.Exp(s - max));
            for (int b = 0; b < behaviours; b++)
            {
                weights[q, b] = (float)(Math.Exp(scores[b] - max) / sum);
            }
        }

        return new AttentionMap(user, queries, labels, weights);
    }

    public static AttentionByProperty ByProperty()
    {
        double[] typeLevel = [0.012, 0.006, 0.010, 0.020];
        var weights = new double[Types.Length, Buckets.Length];
        for (int t = 0; t < Types.Length; t++)
        {
            for (int b = 0; b < Buckets.Length; b++)
            {
                // Clicks decay with age; buys are low right after the purchase, then high.
                double shape = Types[t] switch
                {
                    "click" => 1.5 - 0.15 * b,
                    "buy" => b == 0 ? 0.5 : b == 1 ? 0.8 : 1.1 - 0.03 * b,
                    _ => 1.1 - 0.05 * b,
                };
                weights[t, b] = typeLevel[t] * shape;
            }
        }

        weights[1, 0] = double.NaN; // no favourite in the last minute: drawn grey
        return new AttentionByProperty(Types, Buckets, weights);
    }

    public static TransferSection Transfer()
    {
        var random = new Random(5);
        var curves = new List<TransferCurve>();
        foreach (var (protocol, start, final, tau) in new[] { ("RS", 0.5, 0.657, 1500.0), ("RA", 0.5, 0.676, 1400.0), ("RT", 0.60, 0.651, 300.0), ("FT", 0.62, 0.675, 400.0) })
        {
            var points = new List<CurvePoint>();
            for (long step = 0; step <= 5000; step += 200)
            {
                points.Add(new CurvePoint(step, start + (final - start) * (1 - Math.Exp(-step / tau)) + (random.NextDouble() - 0.5) * 0.003));
            }

            curves.Add(new TransferCurve(protocol, points));
        }

        return new TransferSection("SPP", "AUC", "training step", curves);
    }

    /// <summary>The paper's Table 2.</summary>
    public static ResultsTable Table2() => new(
        [new("L2R", "AUC"), new("CTR", "AUC"), new("FIFP", "AUC"), new("PPP", "precision")],
        [
            new("Wide", [0.70502, 0.68266, 0.71839, 0.34094]),
            new("Wide & Deep", [0.71581, 0.69957, 0.74581, 0.38581]),
            new("DSSM", [null, 0.68961, 0.72035, null]),
            new("CNN-max", [0.72391, 0.70735, 0.73803, 0.39904]),
            new("DUPN-nobp", [0.73307, 0.70221, 0.74082, 0.39394]),
            new("DUPN-bplstm", [0.74583, 0.72139, 0.75337, 0.42926]),
            new("DUPN-bpatt", [0.73901, 0.71303, 0.75927, 0.41350]),
            new("DUPN-all", [0.75005, 0.72519, 0.77323, 0.44011]),
            new("DUPN-w2v", [0.73091, 0.70127, 0.73749, 0.38079]),
        ]);
}
