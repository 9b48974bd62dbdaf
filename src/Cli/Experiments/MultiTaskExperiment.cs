using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dupn.MLNet.Cli.Report;
using Dupn.MLNet.Cli.Report.Plots;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Trainers;
using Microsoft.ML;

namespace Dupn.MLNet.Cli.Experiments;

/// <summary>
/// Multi-task vs single-task (docs/paper.md section 6): DUPN-all trained on every pre-training task
/// together, and the same network trained on each task alone, evaluated on the test rows after
/// every epoch. The x axis is the epoch: after epoch k both have seen that task's rows k times
/// (the multi-task run takes more steps in all, spread over the tasks).
/// </summary>
public static class MultiTaskExperiment
{
    /// <summary>Task -> model ("multi-task", "single-task") -> epoch -> metric over seeds; and seconds per model.</summary>
    public sealed record Result(
        Dictionary<string, Dictionary<string, List<SeedSummary>>> Curves,
        Dictionary<string, SeedSummary> Seconds,
        string Settings);

    public static Result Run(string datasetPath, ExperimentSettings settings, TextWriter log)
    {
        var dataset = Dataset.Open(datasetPath);
        var curves = new Dictionary<string, Dictionary<string, List<SeedSummary>>>(StringComparer.Ordinal);
        var seconds = new Dictionary<string, SeedSummary>(StringComparer.Ordinal);
        void Record(string model, string? onlyTask, DupnModelInfo info, TimeSpan elapsed)
        {
            foreach (var epoch in info.History)
            {
                foreach (var m in epoch.Metrics.Where(m => onlyTask is null || m.Task == onlyTask))
                {
                    double? value = m.Task == "ppp" ? m.Accuracy : m.Auc;
                    if (value is null)
                        continue;
                    var byModel = curves.TryGetValue(m.Task, out var x) ? x : curves[m.Task] = new(StringComparer.Ordinal);
                    var points = byModel.TryGetValue(model, out var p) ? p : byModel[model] = [];
                    while (points.Count <= epoch.Epoch)
                        points.Add(new SeedSummary());
                    points[epoch.Epoch].Add(value.Value);
                }
            }
            (seconds.TryGetValue(model, out var s) ? s : seconds[model] = new SeedSummary()).Add(elapsed.TotalSeconds);
        }

        var tasks = DupnModelTrainer.PretrainingTasks.Where(t => dataset.HasTask(t, DatasetSplit.Train)).ToArray();
        foreach (int seed in settings.Seeds)
        {
            var mlContext = new MLContext(seed);
            var clock = Stopwatch.StartNew();
            var multi = DupnModelTrainer.Train(mlContext, dataset, settings.Training(seed, tasks: tasks));
            multi.Network.Dispose();
            Record("multi-task", null, multi.Model.Info, clock.Elapsed);
            log.WriteLine($"  seed {seed}, multi-task: {string.Join("; ", multi.Result.Epochs[^1].Metrics)} [{clock.Elapsed.TotalSeconds:F0} s]");
            foreach (var task in tasks)
            {
                clock.Restart();
                var single = DupnModelTrainer.Train(mlContext, dataset, settings.Training(seed, tasks: [task], singleTask: true));
                single.Network.Dispose();
                Record("single-task", DupnTaskNames.Of(task), single.Model.Info, clock.Elapsed);
                log.WriteLine($"  seed {seed}, single-task {DupnTaskNames.Of(task)}: {string.Join("; ", single.Result.Epochs[^1].Metrics)} [{clock.Elapsed.TotalSeconds:F0} s]");
            }
        }
        return new Result(curves, seconds, settings.Describe());
    }

    /// <summary>One chart per task (mean over seeds), named <c>mtl-vs-stl-{task}.png</c>; returns the file names.</summary>
    public static List<string> DrawPlots(Result result, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var (task, byModel) in result.Curves)
        {
            string metric = task == "ppp" ? "accuracy" : "AUC";
            var curves = byModel.Select(m => new MetricCurve(task.ToUpperInvariant(), m.Key, metric,
                m.Value.Select((s, epoch) => new CurvePoint(epoch + 1, s.Mean)).ToArray())).ToList();
            string file = $"mtl-vs-stl-{task}.png";
            TrainingCurvesPlot.Draw(task.ToUpperInvariant(), curves, Path.Combine(folder, file), xLabel: "epoch (passes over the task's rows)");
            files.Add(file);
        }
        return files;
    }

    public static string ToMarkdown(Result result, IReadOnlyList<string> plots)
    {
        var md = new StringBuilder();
        md.AppendLine($"{result.Settings}. Held-out metric after each epoch, mean over the seeds (AUC; PPP accuracy).");
        md.AppendLine();
        md.AppendLine("| task | model | " + string.Join(" | ", Enumerable.Range(1, result.Curves.Values.Max(m => m.Values.Max(p => p.Count))).Select(e => $"epoch {e}")) + " |");
        md.AppendLine("|---|---|" + string.Concat(Enumerable.Range(0, result.Curves.Values.Max(m => m.Values.Max(p => p.Count))).Select(_ => "---:|")));
        foreach (var (task, byModel) in result.Curves)
            foreach (var (model, points) in byModel)
                md.AppendLine($"| {task.ToUpperInvariant()} | {model} | {string.Join(" | ", points.Select(p => p.Format(percent: task == "ppp")))} |");
        md.AppendLine();
        md.AppendLine(string.Join("; ", result.Seconds.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}: {s.Value.Mean:F0} s per training run"))) + ".");
        md.AppendLine();
        foreach (string plot in plots)
            md.AppendLine($"![{plot}]({plot})");
        return md.ToString();
    }
}
