using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dupn.MLNet.Cli.Commands;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers;
using Microsoft.ML;
using Dupn.MLNet.Trainers.Baselines;

namespace Dupn.MLNet.Cli.Experiments;

/// <summary>
/// The paper's Table 2 on one dataset: every baseline and every DUPN variant, each task's held-out
/// metric (AUC; PPP accuracy) as mean ± standard deviation over the seeds, and the training time.
/// All models see the same featurised rows (one featuriser per dataset) and the same split.
/// </summary>
public static class Table2Experiment
{
    /// <summary>The paper's DUPN rows, in its order.</summary>
    public static readonly DupnVariant[] AllVariants = [DupnVariant.NoBp, DupnVariant.BpLstm, DupnVariant.BpAtt, DupnVariant.All, DupnVariant.W2v];

    /// <summary>Model name -> task -> metric over seeds, and model name -> seconds over seeds.</summary>
    public sealed record Result(
        string Dataset,
        Dictionary<string, Dictionary<string, SeedSummary>> Metrics,
        Dictionary<string, SeedSummary> Seconds,
        string Settings);

    public static Result Run(string datasetPath, ExperimentSettings settings, IReadOnlyList<DupnVariant> variants,
        IReadOnlyList<string>? baselineNames, TextWriter log)
    {
        var dataset = Dataset.Open(datasetPath);
        var featurizer = BehaviorFeaturizer.Fit(dataset, settings.Featurizer);
        var metrics = new Dictionary<string, Dictionary<string, SeedSummary>>(StringComparer.Ordinal);
        var seconds = new Dictionary<string, SeedSummary>(StringComparer.Ordinal);
        void Record(string model, IEnumerable<TaskMetrics> taskMetrics, TimeSpan elapsed)
        {
            var perTask = metrics.TryGetValue(model, out var existing) ? existing : metrics[model] = new(StringComparer.Ordinal);
            foreach (var (task, _) in ModelComparison.Columns)
            {
                if (ModelComparison.Headline(taskMetrics, task) is { } value)
                    (perTask.TryGetValue(task, out var s) ? s : perTask[task] = new SeedSummary()).Add(value);
            }
            (seconds.TryGetValue(model, out var t) ? t : seconds[model] = new SeedSummary()).Add(elapsed.TotalSeconds);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {model}: {string.Join("; ", taskMetrics.Select(m => m.ToString()))} [{elapsed.TotalSeconds:F0} s]"));
        }

        foreach (int seed in settings.Seeds)
        {
            log.WriteLine($"seed {seed}:");
            var mlContext = new MLContext(seed);
            // The deep baselines in their compact configurations (the paper's sizes take tens of minutes per task here; docs/baselines.md).
            var deep = new DeepBaselineSettings(seed, settings.Epochs, settings.Threads, Compact: true);
            foreach (var baseline in BaselineRegistry.Create(mlContext, baselineNames, deep))
            {
                var clock = Stopwatch.StartNew();
                var result = ModelComparison.RunBaselines(dataset, featurizer, [baseline], DupnModelTrainer.PretrainingTasks);
                Record(baseline.Name, result[baseline.Name], clock.Elapsed);
            }
            foreach (var variant in variants)
            {
                var clock = Stopwatch.StartNew();
                var run = DupnModelTrainer.Train(mlContext, dataset, settings.Training(seed, variant));
                run.Network.Dispose();
                Record(variant.ModelName(), run.Result.Epochs[^1].Metrics, clock.Elapsed);
            }
        }
        return new Result(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(datasetPath))), metrics, seconds, settings.Describe());
    }

    /// <summary>The table as Markdown, the best mean per task in bold.</summary>
    public static string ToMarkdown(Result result)
    {
        var columns = ModelComparison.Columns.Where(c => result.Metrics.Values.Any(m => m.ContainsKey(c.Task))).ToArray();
        var best = columns.ToDictionary(c => c.Task, c => result.Metrics.Values.Where(m => m.ContainsKey(c.Task)).Max(m => m[c.Task].Mean));
        var md = new StringBuilder();
        md.AppendLine($"Dataset `{result.Dataset}`; {result.Settings}. Mean ± standard deviation over the seeds; best mean in bold.");
        md.AppendLine();
        md.AppendLine("| model | " + string.Join(" | ", columns.Select(c => $"{c.Task.ToUpperInvariant()} {(c.Metric == "auc" ? "AUC" : "accuracy")}")) + " | train s |");
        md.AppendLine("|---|" + string.Concat(columns.Select(_ => "---:|")) + "---:|");
        foreach (var (model, perTask) in result.Metrics)
        {
            var cells = columns.Select(c =>
            {
                if (!perTask.TryGetValue(c.Task, out var s))
                    return "-";
                string text = s.Format(percent: c.Task == "ppp");
                return s.Mean == best[c.Task] ? $"**{text}**" : text;
            });
            md.AppendLine($"| {model} | {string.Join(" | ", cells)} | {result.Seconds[model].Mean.ToString("F0", CultureInfo.InvariantCulture)} |");
        }
        return md.ToString();
    }

    /// <summary>Every value per seed, for the record.</summary>
    public static string ToJson(Result result) => JsonSerializer.Serialize(new
    {
        dataset = result.Dataset,
        settings = result.Settings,
        models = result.Metrics.ToDictionary(m => m.Key, m => m.Value.ToDictionary(t => t.Key, t => new { mean = t.Value.Mean, std = t.Value.StandardDeviation, values = t.Value.Values })),
        seconds = result.Seconds.ToDictionary(s => s.Key, s => s.Value.Values),
    }, new JsonSerializerOptions { WriteIndented = true });
}
