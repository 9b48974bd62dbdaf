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
public sealed class EmbedCommand : ICommand
{
    public string Name => "embed";

    public string Summary => "write user embeddings (user_id, timestamp, one column per float of rep) as CSV";

    public string Usage => """
        dupn embed --model MODEL --data DIR --out FILE.csv [--task TASK --split train|test] [--batch N]

          --model MODEL     a model folder written by `dupn train`
          --data DIR        a dataset folder (behaviors.csv, task files)
          --out FILE.csv    user_id,timestamp,e0..e255
          --task TASK       embed at the (user, timestamp, query) of each row of this task file
                            (ctr, l2r, ppp, follow, shop_pref); without it, every user once, after
                            their latest behaviour, with an empty query
          --split           which file of --task (default test)
          --batch N         rows per ONNX Runtime call (default 256)
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string modelPath = args.ExistingDirectory("model", "a model folder written by `dupn train`");
        string dataPath = args.ExistingDirectory("data", "a dataset folder");
        string output = args.Required("out", "the CSV file to write");
        string? taskName = args.Optional("task");
        var split = args.Choice("split", "test", "train", "test") == "train" ? DatasetSplit.Train : DatasetSplit.Test;
        int batch = args.Int("batch", 256, min: 1, max: 65_536);
        args.EnsureAllUsed();

        var model = DupnModel.Load(modelPath);
        var dataset = Dataset.Open(dataPath);
        IEnumerable<TaskRow> requests;
        if (taskName != null)
        {
            DupnTask task = ParseTask(taskName);
            if (!dataset.HasTask(task, split))
                throw new UsageException($"dupn embed: {dataPath} has no {DatasetSchema.FileName(task, split)}; pick a task file it has ({string.Join(", ", dataset.Tasks.Select(DupnTaskNames.Of))}).");
            requests = DistinctRequests(dataset.TaskRows(task, split));
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

    internal static DupnTask ParseTask(string name)
    {
        try
        {
            return DupnTaskNames.Parse(name);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or FormatException)
        {
            throw new UsageException($"dupn: unknown task '{name}'; tasks are ctr, l2r, ppp, follow, shop_pref.");
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
