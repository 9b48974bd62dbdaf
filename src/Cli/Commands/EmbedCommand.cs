using System.CommandLine;
using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>
/// `dupn embed`: the user representation of many users at once, through ONNX Runtime in batches
/// (not ML.NET's one-row-per-call path), written as CSV.
/// </summary>
public sealed class EmbedCommand : DupnCommand
{
    private readonly Option<string?> _model = CommonFlags.Model();
    private readonly Option<string?> _data = CommonFlags.Data("a dataset folder (behaviors.csv, task files)");
    private readonly Option<string?> _out = Flag.Text("--out", "FILE.csv", "user_id,timestamp,e0..e255");
    private readonly Option<DupnTask?> _task = Flag.Parsed<DupnTask?>("--task", "TASK",
        "embed at the (user, timestamp, query) of each row of this task file (ctr, l2r, ppp, follow, shop_pref); without it, every user once, after their latest behaviour, with an empty query",
        ParseTask);
    private readonly Option<string> _split = ChoiceFlag.One("--split", "which file of --task", "test", "train", "test");
    private readonly Option<int> _batch = Flag.Int("--batch", "N", "rows per ONNX Runtime call", 256, min: 1, max: 65_536);

    public EmbedCommand() : base("embed", "write user embeddings (user_id, timestamp, one column per float of rep) as CSV")
    {
        _task.CompletionSources.Clear(); // the enum's own names (Ctr, ShopPref) are not the ones the flag documents
        _task.CompletionSources.Add(Enum.GetValues<DupnTask>().Select(DupnTaskNames.Of).ToArray());
        Required(_model, "a model folder written by `dupn train`");
        Required(_data, "a dataset folder");
        Required(_out, "the CSV file to write");
        Optional(_task, _split, _batch);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string modelPath = parsed.GetValue(_model)!;
        string dataPath = parsed.GetValue(_data)!;
        string output = parsed.GetValue(_out)!;
        DupnTask? task = parsed.GetValue(_task);
        var split = parsed.GetValue(_split) == "train" ? DatasetSplit.Train : DatasetSplit.Test;
        int batch = parsed.GetValue(_batch);

        var model = DupnModel.Load(modelPath);
        var dataset = Dataset.Open(dataPath);
        IEnumerable<TaskRow> requests;
        if (task is { } picked)
        {
            if (!dataset.HasTask(picked, split))
                throw new UsageException($"dupn embed: {dataPath} has no {DatasetSchema.FileName(picked, split)}; pick a task file it has ({string.Join(", ", dataset.Tasks.Select(DupnTaskNames.Of))}).");
            requests = DistinctRequests(dataset.TaskRows(picked, split));
        }
        else
        {
            requests = LatestPerUser(dataset);
        }

        var log = model.Featurizer.IndexLog(dataset);
        using var scorer = new DupnUserScorer(model.ExportOnnx(DupnGraphKind.User));
        string temp = output + ".tmp-" + Environment.ProcessId;
        long written = 0;
        using (var csv = CsvWriter.Create(temp))
        {
            csv.WriteRecord(["user_id", "timestamp", .. Enumerable.Range(0, scorer.Dimension).Select(i => $"e{i}")]);
            foreach (var (row, embedding) in scorer.EmbedAll(requests.Select(r => model.Featurizer.Transform(log, r)), batch))
            {
                csv.Write(row.UserId);
                csv.Write(row.Timestamp);
                foreach (float value in embedding)
                    csv.Write(value.ToString("R", CultureInfo.InvariantCulture));
                csv.EndRecord();
                written++;
            }
        }
        File.Move(temp, output, overwrite: true);
        context.Out.WriteLine($"Wrote {written} user embeddings ({scorer.Dimension} floats each) to {output}");
        return 0;
    }

    // The library knows the task names; only its message is turned into one that names the flag.
    private static DupnTask? ParseTask(string name)
    {
        try
        {
            return DupnTaskNames.Parse(name);
        }
        catch (ArgumentException)
        {
            throw new FormatException($"--task must be one of ctr, l2r, ppp, follow, shop_pref; got '{name}'.");
        }
    }

    private static IEnumerable<TaskRow> DistinctRequests(IEnumerable<TaskRow> rows)
    {
        var seen = new HashSet<(string, long, string)>();
        foreach (var row in rows)
        {
            if (seen.Add((row.UserId, row.Timestamp, string.Join(' ', row.Query))))
                yield return new TaskRow { Task = row.Task, UserId = row.UserId, Timestamp = row.Timestamp, Query = row.Query };
        }
    }

    private static IEnumerable<TaskRow> LatestPerUser(Dataset dataset)
    {
        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var behavior in dataset.Behaviors())
            latest[behavior.UserId] = Math.Max(latest.GetValueOrDefault(behavior.UserId, long.MinValue), behavior.Timestamp);
        return latest.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new TaskRow { Task = DupnTask.Ctr, UserId = p.Key, Timestamp = p.Value + 1 });
    }
}
