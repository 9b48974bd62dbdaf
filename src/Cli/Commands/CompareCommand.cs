using System.CommandLine;
using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>
/// `dupn compare`: is one model really better than another on the same test rows? Two totals on one test
/// set are paired, so their difference is tested row by row: McNemar's exact test for PPP's accuracy,
/// DeLong's test for a binary task's AUC (<see cref="PairedComparison"/>).
/// </summary>
public sealed class CompareCommand : DupnCommand
{
    private readonly Option<string?> _a = Flag.ExistingPath("--a", "FILE",
        "one model's predictions for a task's test rows, written by `dupn evaluate --predictions` or `dupn baselines --predictions`", "a predictions file");
    private readonly Option<string?> _b = Flag.ExistingPath("--b", "FILE", "the other model's predictions for the same rows, in the same order", "a predictions file");

    public CompareCommand() : base("compare", "test whether two models' predictions on the same test rows differ (paired)")
    {
        Required(_a, "a predictions file");
        Required(_b, "a predictions file");
    }

    public override string Notes => """
        Prints both models' accuracy (PPP) or AUC (binary tasks), a - b with its 95 % interval, and
        the two-sided p-value of McNemar's exact test (accuracy) or DeLong's test (AUC).
        """;

    public override int Run(ParseResult parsed, CliContext context)
    {
        string aPath = parsed.GetValue(_a)!;
        string bPath = parsed.GetValue(_b)!;

        var a = PredictionsCsv.Read(aPath);
        var b = PredictionsCsv.Read(bPath);
        CheckPaired(a, b);
        var output = context.Out;
        output.WriteLine($"a: {aPath}");
        output.WriteLine($"b: {bPath}");
        if (a.IsBinary)
        {
            var labels = a.Labels.Select(l => (float)l).ToArray();
            var c = PairedComparison.Auc(a.Scores!, b.Scores!, labels);
            output.WriteLine(Invariant($"{c.Rows:N0} rows ({c.Positives:N0} positive): AUC a {c.AucA:F4}, b {c.AucB:F4}"));
            output.WriteLine(Invariant($"a - b {c.Difference:+0.0000;-0.0000;0.0000} (95 % interval {c.Interval95.Low:+0.0000;-0.0000;0.0000} to {c.Interval95.High:+0.0000;-0.0000;0.0000}); DeLong z = {c.Z:F2}, p {FormatP(c.P)}"));
        }
        else
        {
            var c = PairedComparison.Accuracy(
                Enumerable.Range(0, a.Count).Select(a.LevelCorrect).ToArray(),
                Enumerable.Range(0, b.Count).Select(b.LevelCorrect).ToArray());
            output.WriteLine(Invariant($"{c.Rows:N0} rows: accuracy a {100 * c.AccuracyA:F2} %, b {100 * c.AccuracyB:F2} %"));
            output.WriteLine(Invariant($"a - b {100 * c.Difference:+0.00;-0.00;0.00} points (95 % interval {100 * c.Interval95.Low:+0.00;-0.00;0.00} to {100 * c.Interval95.High:+0.00;-0.00;0.00}); only a right on {c.OnlyA:N0} rows, only b on {c.OnlyB:N0}; McNemar exact p {FormatP(c.P)}"));
        }
        return 0;
    }

    // The rows must be the same rows: same kind of task, same keys and labels line by line.
    private static void CheckPaired(PredictionsFile a, PredictionsFile b)
    {
        if (a.IsBinary != b.IsBinary)
            throw new InvalidDataException($"{a.Path} holds {Kind(a)} and {b.Path} {Kind(b)}; compare two models' predictions for the same task.");
        if (!a.IsBinary && a.LevelProbabilities!.FirstOrDefault()?.Length != b.LevelProbabilities!.FirstOrDefault()?.Length)
            throw new InvalidDataException($"{a.Path} and {b.Path} have different numbers of levels.");
        if (a.Count != b.Count)
            throw new InvalidDataException($"{a.Path} has {a.Count} rows and {b.Path} {b.Count}; a paired comparison needs the same test rows in both.");
        if (a.Count == 0)
            throw new InvalidDataException($"{a.Path} has no rows to compare.");
        for (int i = 0; i < a.Count; i++)
        {
            if (a.Keys[i] != b.Keys[i])
                throw new InvalidDataException($"Line {i + 2} is the row {a.Keys[i]} in {a.Path} and {b.Keys[i]} in {b.Path}; a paired comparison needs the same test rows in the same order (predictions of one dataset's test file).");
            if (a.Labels[i] != b.Labels[i])
                throw new InvalidDataException($"Line {i + 2} (row {a.Keys[i]}) is labelled {a.Labels[i]} in {a.Path} and {b.Labels[i]} in {b.Path}; were they made from the same dataset?");
        }
    }

    private static string Kind(PredictionsFile file) => file.IsBinary ? "a binary task's scores" : "PPP's level probabilities";

    private static string FormatP(double p) =>
        p == 0 ? "< 1e-300" : "= " + (p < 1e-4 ? p.ToString("0.0e+0", CultureInfo.InvariantCulture) : p.ToString("F4", CultureInfo.InvariantCulture));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
