using System.Globalization;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Baselines;
using Dupn.MLNet.Trainers.Modules;
using Microsoft.ML;

namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>
/// Evaluates DUPN models and the baselines on the same test rows and prints them like the paper's
/// Table 2 (tasks x models). Shared by `evaluate`, `baselines` and `demo`.
/// </summary>
public static class ModelComparison
{
    /// <summary>The columns of Table 2: task and the metric it is judged by.</summary>
    public static readonly (string Task, string Metric)[] Columns = [("l2r", "auc"), ("ctr", "auc"), ("follow", "auc"), ("ppp", "accuracy")];

    /// <summary>
    /// Held-out metrics of a saved model on every test file of its tasks that <paramref name="dataset"/> has;
    /// with <paramref name="predictionsDirectory"/> the predictions behind them are also written there,
    /// row by row, as <c>{predictionsName}.{task}.csv</c> (<see cref="PredictionsCsv"/>).
    /// </summary>
    public static List<TaskMetrics> Evaluate(DupnModel model, Dataset dataset, string? predictionsDirectory = null, string predictionsName = "dupn")
    {
        using var network = new DupnNetwork(model.Architecture);
        network.LoadStateDict(model.Weights);
        network.eval();
        var metrics = new List<TaskMetrics>();
        foreach (var task in model.Architecture.Tasks)
        {
            var datasetTask = task;
            if (!dataset.HasTask(datasetTask, DatasetSplit.Test))
                continue;
            var rows = model.Featurizer.Transform(dataset, datasetTask, DatasetSplit.Test);
            if (rows.Count == 0)
                continue;
            var predictions = DupnEvaluator.Predict(network, DupnTaskNames.Of(task), rows);
            if (predictionsDirectory is not null)
                PredictionsCsv.Write(Path.Combine(predictionsDirectory, $"{predictionsName}.{DupnTaskNames.Of(task)}.csv"), predictions, rows);
            metrics.Add(predictions.ToMetrics());
        }
        return metrics;
    }

    /// <summary>
    /// Each baseline on each pre-training task the dataset has (train and test files), featurised like DUPN;
    /// with <paramref name="predictionsDirectory"/> each one's test predictions are also written there as
    /// <c>{baseline}.{task}.csv</c> (<see cref="PredictionsCsv"/>).
    /// </summary>
    public static Dictionary<string, List<TaskMetrics>> RunBaselines(Dataset dataset, BehaviorFeaturizer featurizer,
        IReadOnlyList<IDupnBaseline> baselines, IReadOnlyList<DupnTask> tasks, TextWriter? log = null, string? predictionsDirectory = null)
    {
        var results = baselines.ToDictionary(b => b.Name, _ => new List<TaskMetrics>());
        foreach (var task in tasks)
        {
            var datasetTask = task;
            if (!dataset.HasTask(datasetTask, DatasetSplit.Train) || !dataset.HasTask(datasetTask, DatasetSplit.Test))
                continue;
            var train = featurizer.Transform(dataset, datasetTask, DatasetSplit.Train);
            var test = featurizer.Transform(dataset, datasetTask, DatasetSplit.Test);
            if (train.Count == 0 || test.Count == 0)
                continue;
            foreach (var baseline in baselines.Where(b => b.Supports(task)))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var predictions = baseline.FitPredict(task, train, test);
                var metrics = BaselineEvaluation.Evaluate(task, predictions, test);
                if (predictionsDirectory is not null)
                    PredictionsCsv.Write(Path.Combine(predictionsDirectory, $"{baseline.Name}.{DupnTaskNames.Of(task)}.csv"), predictions, test);
                results[baseline.Name].Add(metrics);
                log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {baseline.Name}: {metrics} ({train.Count} training rows, {clock.Elapsed.TotalSeconds:F1} s)"));
            }
        }
        return results;
    }

    /// <summary>The value Table 2 shows for <paramref name="task"/> (AUC, or PPP accuracy), or null.</summary>
    public static double? Headline(IEnumerable<TaskMetrics> metrics, string task)
    {
        var m = metrics.FirstOrDefault(x => x.Task == task);
        return m is null ? null : task == "ppp" ? m.Accuracy : m.Auc;
    }

    /// <summary>Prints models x tasks with the best value per task marked by '*'.</summary>
    public static void PrintTable(TextWriter output, IReadOnlyDictionary<string, List<TaskMetrics>> models)
    {
        var present = Columns.Where(c => models.Values.Any(m => Headline(m, c.Task) is not null)).ToArray();
        int nameWidth = Math.Max(12, models.Keys.Max(k => k.Length) + 2);
        output.WriteLine("model".PadRight(nameWidth) + string.Concat(present.Select(c => $"{c.Task.ToUpperInvariant()} {(c.Metric == "auc" ? "AUC" : "acc")}".PadLeft(14))));
        var best = present.ToDictionary(c => c.Task, c => models.Values.Select(m => Headline(m, c.Task)).Where(v => v.HasValue).DefaultIfEmpty().Max());
        foreach (var (model, metrics) in models)
        {
            var cells = present.Select(c =>
            {
                double? value = Headline(metrics, c.Task);
                if (value is null)
                    return "-".PadLeft(14);
                string text = c.Task == "ppp" ? value.Value.ToString("P1", CultureInfo.InvariantCulture) : value.Value.ToString("F4", CultureInfo.InvariantCulture);
                return (text + (value == best[c.Task] ? "*" : " ")).PadLeft(14);
            });
            output.WriteLine(model.PadRight(nameWidth) + string.Concat(cells));
        }
        output.WriteLine("(* best per task; PPP: accuracy over 7 levels; paper: docs/paper.md, Table 2)");
    }
}
