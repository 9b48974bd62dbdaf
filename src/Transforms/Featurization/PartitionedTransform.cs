using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// Featurisation with memory bounded by a fraction of the log: users are hashed into P partitions on
/// disk (behaviours, task rows and profiles, each validated with the typed readers first so errors
/// still name the original file and line), then each partition is indexed and featurised on its own.
/// Peak memory is about the log index of one partition (log / P).
/// </summary>
internal static class PartitionedTransform
{
    public static IEnumerable<FeaturizedRow> Run(BehaviorFeaturizer featurizer, Dataset dataset, DupnTask task, DatasetSplit split, int partitions, string? tempFolder)
    {
        if (partitions < 1)
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "At least one partition is needed.");
        string root = Path.Combine(tempFolder ?? Path.GetTempPath(), "dupn-partitions-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            var folders = Enumerable.Range(0, partitions).Select(p => Path.Combine(root, "p" + p)).ToArray();
            foreach (var folder in folders)
                Directory.CreateDirectory(folder);
            Split(folders, DatasetSchema.BehaviorsFile, DatasetSchema.BehaviorColumns, dataset.Behaviors(), b => b.UserId, (w, b) =>
                w.WriteBehavior(b.UserId, b.Timestamp, b.ItemId, b.ShopId, b.BrandId, b.CategoryId, string.Join('|', b.Tags), b.BehaviorType, b.Scene));
            string taskFile = DatasetSchema.FileName(task, split);
            Split(folders, taskFile, DatasetSchema.TaskColumns(task), dataset.TaskRows(task, split), r => r.UserId, (w, r) => WriteTaskRow(w, r));
            var users = dataset.Users;
            if (users.Columns.Count > 0)
                Split(folders, DatasetSchema.UsersFile, ["user_id", .. users.Columns], users.Rows, p => p.Key, (w, p) =>
                {
                    w.Write(p.Key);
                    foreach (var v in p.Value)
                        w.Write(v);
                });
            foreach (var folder in folders)
            {
                var part = Dataset.Open(folder, dataset.Options);
                foreach (var row in featurizer.TransformStream(part, task, split))
                    yield return row;
                Directory.Delete(folder, recursive: true);
            }
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void Split<T>(string[] folders, string file, string[] header, IEnumerable<T> rows, Func<T, string> user, Action<CsvWriter, T> write)
    {
        var writers = folders.Select(f => CsvWriter.Create(Path.Combine(f, file))).ToArray();
        try
        {
            foreach (var w in writers)
                w.WriteRecord(header);
            foreach (var row in rows)
            {
                var w = writers[StableHash.Of(user(row)) % (uint)writers.Length];
                write(w, row);
                w.EndRecord();
            }
        }
        finally
        {
            foreach (var w in writers)
                w.Dispose();
        }
    }

    private static void WriteTaskRow(CsvWriter w, TaskRow r)
    {
        w.Write(r.UserId);
        w.Write(r.Timestamp);
        w.Write(string.Join(' ', r.Query));
        switch (r.Task)
        {
            case DupnTask.Ctr:
            case DupnTask.L2r:
                w.Write(r.ItemId);
                w.Write(r.ShopId);
                w.Write(r.BrandId);
                w.Write(r.CategoryId);
                w.Write(string.Join('|', r.Tags));
                if (r.Task == DupnTask.L2r)
                {
                    w.Write(string.Join('|', r.Features.Select(f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
                    w.Write(r.BehaviorType);
                }
                w.Write(r.Label);
                break;
            case DupnTask.Ppp:
                w.Write(r.Level);
                break;
            case DupnTask.Follow:
                w.Write(r.TalentId);
                w.Write(string.Join('|', r.TalentTags));
                w.Write(r.Label);
                break;
            case DupnTask.ShopPref:
                w.Write(r.ShopId);
                w.Write(r.Label);
                break;
        }
    }
}
