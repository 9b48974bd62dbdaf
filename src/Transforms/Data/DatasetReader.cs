using static Dupn.MLNet.DatasetSchema;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// Typed, streaming readers of the dataset files (docs/dataset-format.md). Each returns a lazy
/// sequence: the file is read as it is enumerated, one record at a time (a Parquet file, given by its
/// `.parquet` path, one row group at a time), with the same validation and errors for both formats.
/// </summary>
public static class DatasetReader
{
    /// <summary>Streams behaviors.csv or behaviors.parquet.</summary>
    public static IEnumerable<Behavior> ReadBehaviors(string path, DatasetReadOptions? options = null, DatasetReadReport? report = null)
    {
        options?.Validate();
        return RecordParser.Read(path, DatasetSchema.BehaviorColumns, static (f, c) => new Behavior
        {
            UserId = c.Required(f, BehaviorField.UserId),
            Timestamp = c.Timestamp(f, BehaviorField.Timestamp),
            ItemId = f[BehaviorField.Item],
            ShopId = f[BehaviorField.Shop],
            BrandId = f[BehaviorField.Brand],
            CategoryId = f[BehaviorField.Category],
            Tags = DatasetSchema.SplitList(f[BehaviorField.Tags]),
            BehaviorType = c.Required(f, BehaviorField.Type),
            Scene = f[BehaviorField.Scene],
        }, options, report);
    }

    /// <summary>Streams a task file; its header must be exactly that of <paramref name="task"/>.</summary>
    public static IEnumerable<TaskRow> ReadTask(string path, DupnTask task, DatasetReadOptions? options = null, DatasetReadReport? report = null)
    {
        options ??= new DatasetReadOptions();
        options.Validate();
        int? m = options.RankingFeatureCount;
        int maxLevel = options.PppLevels;
        string lastUser = "";
        // Fields as spans: strings only for the ids a TaskRow keeps, none for numbers and features.
        return RecordParser.ReadFields(path, DatasetSchema.TaskColumns(task), (f, c) =>
        {
            var userField = c.Required(f, 0);
            // Task files come grouped by user: the previous row's id string is reused when equal.
            string previous = lastUser;
            string user = userField.SequenceEqual(previous) ? previous : lastUser = userField.ToString();
            long ts = c.Timestamp(f, 1);
            string[] query = f[2].IsEmpty ? [] : DatasetSchema.SplitQuery(f[2].ToString());
            switch (task)
            {
                case DupnTask.Ctr:
                    return new TaskRow
                    {
                        Task = task, UserId = user, Timestamp = ts, Query = query,
                        ItemId = Text(f, 3), ShopId = Text(f, 4), BrandId = Text(f, 5), CategoryId = Text(f, 6),
                        Tags = DatasetSchema.SplitList(f[7]), Label = c.Binary(f, 8),
                    };
                case DupnTask.L2r:
                    float[] features = c.Floats(f, 8, m);
                    if (m == null)
                    {
                        if (features.Length == 0)
                            throw c.Error(8, "is empty; L2R rows need at least one ranking feature.");
                        m = features.Length; // the first good row fixes m for the rest of the file
                    }
                    return new TaskRow
                    {
                        Task = task, UserId = user, Timestamp = ts, Query = query,
                        ItemId = Text(f, 3), ShopId = Text(f, 4), BrandId = Text(f, 5), CategoryId = Text(f, 6),
                        Tags = DatasetSchema.SplitList(f[7]), Features = features,
                        BehaviorType = c.Required(f, 9).ToString(), Label = c.Binary(f, 10),
                    };
                case DupnTask.Ppp:
                    return new TaskRow { Task = task, UserId = user, Timestamp = ts, Query = query, Level = c.Level(f, 3, maxLevel) };
                case DupnTask.Follow:
                    return new TaskRow
                    {
                        Task = task, UserId = user, Timestamp = ts, Query = query,
                        TalentId = Text(f, 3), TalentTags = DatasetSchema.SplitList(f[4]), Label = c.Binary(f, 5),
                    };
                case DupnTask.ShopPref:
                    return new TaskRow { Task = task, UserId = user, Timestamp = ts, Query = query, ShopId = Text(f, 3), Label = c.Binary(f, 4) };
                default:
                    throw new ArgumentOutOfRangeException(nameof(task));
            }
        }, options, report);
    }

    private static string Text(CsvFields fields, int column) => fields[column].IsEmpty ? "" : fields[column].ToString();

    /// <summary>Reads users.csv (or users.parquet): `user_id` then any number of categorical profile columns.</summary>
    public static UserProfiles ReadUsers(string path, DatasetReadOptions? options = null, DatasetReadReport? report = null)
    {
        string[] columns = [];
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        bool parquet = DatasetSchema.FormatOf(path) == DatasetFileFormat.Parquet;
        var format = parquet ? DatasetFileFormat.Parquet : DatasetFileFormat.Csv;
        foreach (var (user, values, line) in RecordParser.Read(path, null, (f, c) =>
                 {
                     string user = c.Required(f, 0);
                     if (lines.TryGetValue(user, out long first))
                         throw new DatasetFormatException(c.File, c.Line, "user_id", $"user '{user}' already has a profile on {c.LineWord} {first}.", c.Format);
                     lines[user] = c.Line;
                     return (user, f.Skip(1).ToArray(), c.Line);
                 }, options, report, header =>
                 {
                     // Parquet columns are matched by name: user_id may be anywhere (the reader puts it first).
                     if (header.Count == 0 || header[0] != "user_id")
                         throw new DatasetFormatException(path, parquet ? 0 : 1, header.Count > 0 ? header[0] : null,
                             parquet ? "users.parquet needs a column 'user_id'." : "users.csv must start with the column 'user_id'.", format);
                     var dup = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                     if (dup != null)
                         throw new DatasetFormatException(path, parquet ? 0 : 1, dup.Key, "the column appears twice in the header.", format);
                     columns = header.Skip(1).ToArray();
                 }, keyColumn: "user_id"))
        {
            rows[user] = values;
        }
        return new UserProfiles(columns, rows);
    }
}
