using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers;
using Dupn.MLNet.Trainers.Transfer;

namespace Dupn.MLNet.Cli.Report;

/// <summary>Gathers the report's data from a trained model, a dataset and whatever comparisons were run.</summary>
public static class ReportBuilder
{
    public static ReportData Build(DupnModel model, string modelPath, Dataset dataset,
        IReadOnlyDictionary<string, List<TaskMetrics>>? comparison = null, IReadOnlyList<TransferResult>? transfer = null,
        IReadOnlyList<(string Model, DupnModelInfo Info)>? singleTaskRuns = null)
    {
        using var scorer = new DupnUserScorer(model.ExportOnnx(DupnGraphKind.User));
        var featurizer = model.Featurizer;
        var requests = RequestRows(model, dataset);
        // Per-level PPP precision and recall come from evaluating the model (a metrics file keeps only headline numbers).
        var ppp = comparison?.GetValueOrDefault(TrainCommandName(model))?.FirstOrDefault(m => m.Task == "ppp" && m.Precision is not null)
            ?? (model.Architecture.Tasks.Contains(DupnTask.Ppp) ? ModelComparison.Evaluate(model, dataset).FirstOrDefault(m => m.Task == "ppp") : null);
        return new ReportData
        {
            Title = "DUPN report",
            ModelPath = modelPath,
            DataPath = dataset.Folder,
            CreatedUtc = DateTimeOffset.UtcNow,
            TrainingCurves = Curves(model, singleTaskRuns),
            AttentionMaps = AttentionMaps(scorer, featurizer, requests),
            AttentionByProperty = ByProperty(scorer, featurizer, requests),
            PppLevels = ppp?.Precision is { } precision && ppp.Recall is { } recall ? new PppLevelMetrics(precision, recall) : null,
            Transfer = transfer is { Count: > 0 }
                ? new TransferSection("shop_pref", "AUC", "epochs of network training",
                    // FT's and RS's epochs are scored on their validation users (the test AUC is the kept state's).
                    transfer.Select(t => new TransferCurve(t.ChosenEpoch is null ? t.Protocol : t.Protocol + " (validation users)", TransferPoints(t))).ToArray())
                : null,
            Results = comparison is { Count: > 0 } ? Results(comparison) : null,
        };
    }

    private static string TrainCommandName(DupnModel model) => model.Architecture.Variant.ModelName();

    // The requests to explain: the test rows of the first task the dataset has (at most 2,000).
    private static IReadOnlyList<FeaturizedRow> RequestRows(DupnModel model, Dataset dataset)
    {
        foreach (var task in new[] { DupnTask.Ctr, DupnTask.L2r, DupnTask.Follow, DupnTask.Ppp })
        {
            if (dataset.HasTask(task, DatasetSplit.Test))
                return model.Featurizer.Transform(dataset, task, DatasetSplit.Test).Take(2000).ToArray();
        }
        return [];
    }

    private static List<MetricCurve> Curves(DupnModel model, IReadOnlyList<(string Model, DupnModelInfo Info)>? singleTaskRuns)
    {
        // A single-task run's steps are all on its task; the multi-task run's global step counts every
        // task's batches. Both use each of a task's batches once per epoch, so where a single-task run
        // exists the multi-task point of epoch k is drawn at the single-task step of epoch k: both lines
        // then count steps on that task's batches.
        var taskSteps = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
        foreach (var (_, info) in singleTaskRuns ?? [])
            foreach (var epoch in info.History)
                foreach (var m in epoch.Metrics)
                    (taskSteps.TryGetValue(m.Task, out var steps) ? steps : taskSteps[m.Task] = [])[epoch.Epoch] = epoch.Step;

        var curves = new List<MetricCurve>();
        void Add(string label, DupnModelInfo info, bool multiTask)
        {
            foreach (var task in info.History.SelectMany(e => e.Metrics).Select(m => m.Task).Distinct())
            {
                string metric = task == "ppp" ? "accuracy" : "AUC";
                var stepsOnTask = multiTask ? taskSteps.GetValueOrDefault(task) : null;
                var points = info.History
                    .Select(e => (Step: stepsOnTask?.GetValueOrDefault(e.Epoch, e.Step) ?? e.Step,
                        Value: e.Metrics.FirstOrDefault(m => m.Task == task) is { } m ? (task == "ppp" ? m.Accuracy : m.Auc) : null))
                    .Where(p => p.Value.HasValue)
                    .Select(p => new CurvePoint(p.Step, p.Value!.Value)).ToArray();
                if (points.Length > 0)
                    curves.Add(new MetricCurve(task.ToUpperInvariant(), label, metric, points));
            }
        }
        Add("multi-task", model.Info, multiTask: true);
        foreach (var (name, info) in singleTaskRuns ?? [])
            Add(name, info, multiTask: false);
        return curves;
    }

    private static List<AttentionMap> AttentionMaps(DupnUserScorer scorer, BehaviorFeaturizer featurizer, IReadOnlyList<FeaturizedRow> requests)
    {
        // One user with a long history, under the most frequent queries of the requests (and no query).
        var user = requests.Where(r => r.Length > 0).OrderByDescending(r => Math.Min(r.Length, 40)).ThenBy(r => r.UserId, StringComparer.Ordinal).FirstOrDefault();
        if (user is null)
            return [];
        var queries = requests.Select(r => r.Query).Where(q => q.Any(t => t != 0))
            .GroupBy(q => string.Join(' ', q)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(4).Select(g => g.First()).Append(new int[user.Query.Length]).ToArray();
        // The most recent 40 behaviours keep the picture readable.
        int start = Math.Max(0, user.Length - 40);
        var weights = DupnAttentionAnalysis.UnderQueries(scorer, user, queries);
        var cropped = new float[queries.Length, user.Length - start];
        for (int q = 0; q < queries.Length; q++)
            for (int t = start; t < user.Length; t++)
                cropped[q, t - start] = weights[q, t];
        var labels = Enumerable.Range(start, user.Length - start)
            .Select(t => $"{featurizer.Type.IdAt(user.HistoryType[t]) ?? "?"} · {featurizer.Category.IdAt(user.HistoryCategory[t]) ?? "?"}").ToArray();
        var queryLabels = queries.Select(q => q.All(t => t == 0) ? "(no query)" : string.Join(' ', q.Where(t => t != 0).Select(t => featurizer.Query.IdAt(t) ?? "?"))).ToArray();
        return [new AttentionMap(user.UserId, queryLabels, labels, cropped)];
    }

    private static AttentionByProperty? ByProperty(DupnUserScorer scorer, BehaviorFeaturizer featurizer, IReadOnlyList<FeaturizedRow> requests)
    {
        if (requests.Count == 0)
            return null;
        int types = featurizer.Type.Size + 2, times = featurizer.TimeGaps.TableSize;
        var mean = DupnAttentionAnalysis.RelativeAttentionByTypeAndTime(scorer, requests, types, times);
        var typeRows = Enumerable.Range(2, featurizer.Type.Size).ToArray();
        var timeColumns = Enumerable.Range(2, times - 2).ToArray();
        var cells = new double[typeRows.Length, timeColumns.Length];
        for (int a = 0; a < typeRows.Length; a++)
            for (int b = 0; b < timeColumns.Length; b++)
                cells[a, b] = mean[typeRows[a], timeColumns[b]];
        var bounds = featurizer.TimeGaps.BoundsSeconds;
        var timeLabels = timeColumns.Select(c => c - 2 < bounds.Count ? "< " + Duration(bounds[c - 2]) : "older").ToArray();
        return new AttentionByProperty(typeRows.Select(t => featurizer.Type.IdAt(t) ?? "?").ToArray(), timeLabels, cells);
    }

    private static string Duration(long seconds) => seconds switch
    {
        < 3600 => $"{seconds / 60} min",
        < 86_400 => $"{seconds / 3600} h",
        < 7 * 86_400 => $"{seconds / 86_400} day",
        _ => $"{seconds / (7 * 86_400)} week",
    };

    // x = epochs of network training: RT trains no network (its shallow model only), so it is one point at 0.
    private static CurvePoint[] TransferPoints(TransferResult result) =>
        result.Curve.Count == 0
            ? [new CurvePoint(0, result.Metrics.Auc ?? double.NaN)]
            : result.Curve.Select((e, i) => new CurvePoint(i + 1, e.Metrics.FirstOrDefault(m => m.Task == "shop_pref")?.Auc ?? double.NaN)).ToArray();

    private static ResultsTable Results(IReadOnlyDictionary<string, List<TaskMetrics>> comparison)
    {
        var columns = ModelComparison.Columns
            .Where(c => comparison.Values.Any(m => ModelComparison.Headline(m, c.Task) is not null))
            .Select(c => new ResultsColumn(c.Task.ToUpperInvariant(), c.Metric == "auc" ? "AUC" : "accuracy")).ToArray();
        var rows = comparison.Select(p => new ResultsRow(p.Key,
            columns.Select(c => ModelComparison.Headline(p.Value, c.Task.ToLowerInvariant())).ToArray())).ToArray();
        return new ResultsTable(columns, rows);
    }
}
