using System.Text.Json;
using System.Text.Json.Nodes;
using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Cli.Output;

/// <summary>
/// The metrics file other tools read: <c>{"models": {"dupn-all": {"ctr": {"auc": 0.71, "logloss": 0.52,
/// "n": 1234}, "ppp": {"accuracy": 0.43, "precision": [...7], "recall": [...7]}}, "wide": {...}}}</c>.
/// A task absent from the data is absent from the file; writing merges into an existing file so that
/// evaluate, baselines and transfer can add their models to one report.
/// </summary>
public static class MetricsJson
{
    public static void Write(string path, IReadOnlyDictionary<string, IReadOnlyList<TaskMetrics>> models)
    {
        JsonObject root = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? new JsonObject() : new JsonObject();
        if (root["models"] is not JsonObject all)
            root["models"] = all = new JsonObject();
        foreach (var (model, tasks) in models)
        {
            var entry = new JsonObject();
            foreach (var metrics in tasks)
                entry[metrics.Task] = ToJson(metrics);
            all[model] = entry;
        }
        string temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads the file back as model -> task -> metric -> value (numbers only; lists skipped).</summary>
    public static Dictionary<string, Dictionary<string, Dictionary<string, double>>> Read(string path)
    {
        var result = new Dictionary<string, Dictionary<string, Dictionary<string, double>>>(StringComparer.Ordinal);
        if (JsonNode.Parse(File.ReadAllText(path))?["models"] is not JsonObject models)
            throw new InvalidDataException($"{path} is not a metrics file: it has no \"models\" object.");
        foreach (var (model, tasks) in models)
        {
            var byTask = result[model] = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            foreach (var (task, metrics) in (JsonObject)tasks!)
            {
                var values = byTask[task] = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (name, value) in (JsonObject)metrics!)
                {
                    if (value is JsonValue number && number.TryGetValue(out double d))
                        values[name] = d;
                }
            }
        }
        return result;
    }

    private static JsonObject ToJson(TaskMetrics metrics)
    {
        var json = new JsonObject();
        if (metrics.Auc is { } auc) json["auc"] = Round(auc);
        if (metrics.LogLoss is { } logLoss) json["logloss"] = Round(logLoss);
        if (metrics.Accuracy is { } accuracy) json["accuracy"] = Round(accuracy);
        if (metrics.Precision is { } precision) json["precision"] = new JsonArray(precision.Select(p => (JsonNode?)JsonValue.Create(double.IsNaN(p) ? (double?)null : Round(p))).ToArray());
        if (metrics.Recall is { } recall) json["recall"] = new JsonArray(recall.Select(r => (JsonNode?)JsonValue.Create(double.IsNaN(r) ? (double?)null : Round(r))).ToArray());
        if (metrics.Rmse is { } rmse) json["rmse"] = Round(rmse);
        json["n"] = metrics.Rows;
        return json;
    }

    private static double Round(double value) => Math.Round(value, 6);
}
