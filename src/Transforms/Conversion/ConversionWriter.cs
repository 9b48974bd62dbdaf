using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>
/// The shared second half of every converter: writes behaviors.csv, derives the time split, samples
/// CTR negatives, and writes task files with row counts.
/// </summary>
internal sealed class ConversionWriter : IDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, CsvWriter> _writers = [];
    private readonly Dictionary<string, long> _counts = [];

    public ConversionWriter(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>The summary of a conversion into this writer's folder: what was read, written and skipped.</summary>
    public ConversionSummary Summarize(long inputRows, long behaviors, IReadOnlyDictionary<string, long> skipped, long splitTimestamp, IReadOnlyList<string> notDerived) => new()
    {
        Folder = Path.GetFullPath(_folder),
        InputRows = inputRows,
        Behaviors = behaviors,
        TaskRows = new Dictionary<string, long>(_counts),
        Skipped = skipped,
        SplitTimestamp = splitTimestamp,
        NotDerived = notDerived,
    };

    /// <summary>
    /// The summary of a conversion once its CSV files are complete (their writers disposed): turns the
    /// folder into <see cref="ConversionOptions.OutputFormat"/> and names the files as written.
    /// </summary>
    public static ConversionSummary Finish(ConversionSummary csv, ConversionOptions options)
    {
        string[] written = [DatasetSchema.BehaviorsFile, DatasetSchema.UsersFile, .. csv.TaskRows.Keys];
        DatasetOutput.Finish(csv.Folder, written, options.OutputFormat);
        return new ConversionSummary
        {
            Folder = csv.Folder,
            Format = options.OutputFormat,
            InputRows = csv.InputRows,
            Behaviors = csv.Behaviors,
            TaskRows = DatasetOutput.Named(csv.TaskRows, options.OutputFormat),
            Skipped = csv.Skipped,
            SplitTimestamp = csv.SplitTimestamp,
            NotDerived = csv.NotDerived,
        };
    }

    public static long WriteBehaviors(string folder, IEnumerable<LogEvent> events)
    {
        Directory.CreateDirectory(folder);
        using var w = CsvWriter.Create(Path.Combine(folder, DatasetSchema.BehaviorsFile));
        w.WriteRecord(DatasetSchema.BehaviorColumns);
        long n = 0;
        foreach (var e in events)
        {
            w.WriteBehavior(e.User, e.Time, e.Item, e.Shop, e.Brand, e.Category, e.Tags, e.Type, e.Scene);
            w.EndRecord();
            n++;
        }
        return n;
    }

    /// <summary>The (1 - testFraction) quantile of the event times: rows at or after it are test rows.</summary>
    public static long SplitTime(IReadOnlyList<LogEvent> events, double testFraction) =>
        SplitTime(events.Select(e => e.Time).ToArray(), testFraction);

    /// <summary><see cref="SplitTime(IReadOnlyList{LogEvent}, double)"/> reading the times straight from the compact log.</summary>
    public static long SplitTime(CompactEventLog events, double testFraction)
    {
        var times = new long[events.Count];
        for (int i = 0; i < times.Length; i++)
            times[i] = events.TimeOf(i);
        return SplitTime(times, testFraction);
    }

    private static long SplitTime(long[] times, double testFraction)
    {
        if (times.Length == 0)
            throw new InvalidDataException("The input has no valid behaviours to convert.");
        Array.Sort(times);
        return times[Math.Min(times.Length - 1, (int)(times.Length * (1 - testFraction)))];
    }

    /// <summary>Opens the task file and starts a row with user, timestamp and query.</summary>
    public CsvWriter Begin(DupnTask task, bool train, string user, long time, string query = "")
    {
        string name = DatasetSchema.FileName(task, train ? DatasetSplit.Train : DatasetSplit.Test);
        if (!_writers.TryGetValue(name, out var w))
        {
            w = CsvWriter.Create(Path.Combine(_folder, name));
            w.WriteRecord(DatasetSchema.TaskColumns(task));
            _writers[name] = w;
            _counts[name] = 0;
        }
        _counts[name]++;
        w.Write(user);
        w.Write(time);
        w.Write(query);
        return w;
    }

    /// <summary>Makes sure both files of a task exist (a split may get no rows on small inputs).</summary>
    public void EnsureBoth(DupnTask task)
    {
        foreach (bool train in new[] { true, false })
        {
            string name = DatasetSchema.FileName(task, train ? DatasetSplit.Train : DatasetSplit.Test);
            if (_writers.ContainsKey(name))
                continue;
            var w = CsvWriter.Create(Path.Combine(_folder, name));
            w.WriteRecord(DatasetSchema.TaskColumns(task));
            _writers[name] = w;
            _counts[name] = 0;
        }
    }

    /// <summary>
    /// CTR rows: every event of a positive type (capped per user, evenly spread) is a positive at its
    /// time; each gets sampled negatives: items drawn by popularity (uniform over log events) that the
    /// user never touched. The row's candidate fields come from the item's first appearance. Works on
    /// interned ids (no grouping object or item set of strings per user).
    /// </summary>
    public void WriteCtr(CompactEventLog events, Func<LogEvent, bool> positive, long split, ConversionOptions options)
    {
        var rng = new Random(options.Seed);
        var firstOfItem = new Dictionary<int, int>();
        for (int i = 0; i < events.Count; i++)
            firstOfItem.TryAdd(events.ItemOf(i), i);
        var (order, starts) = events.ByUser();
        var touched = new HashSet<int>();
        var positives = new List<int>();
        for (int u = 0; u < events.UserCount; u++)
        {
            var block = order.AsSpan(starts[u], starts[u + 1] - starts[u]);
            touched.Clear();
            positives.Clear();
            foreach (int i in block)
            {
                touched.Add(events.ItemOf(i));
                if (positive(events[i]))
                    positives.Add(i);
            }
            // Stable by time, as OrderBy: equal times keep file order.
            var byTime = positives.OrderBy(events.TimeOf).ToList();
            if (options.MaxPositivesPerUser > 0 && byTime.Count > options.MaxPositivesPerUser)
            {
                int n = options.MaxPositivesPerUser;
                byTime = Enumerable.Range(0, n).Select(k => byTime[(int)((long)k * byTime.Count / n)]).ToList();
            }
            foreach (int p in byTime)
            {
                var positiveEvent = events[p];
                WriteCtrRow(positiveEvent, positiveEvent.Time, 1, split);
                for (int k = 0; k < options.NegativesPerPositive; k++)
                {
                    for (int tries = 0; tries < 20; tries++)
                    {
                        int candidate = rng.Next(events.Count);
                        if (touched.Contains(events.ItemOf(candidate)))
                            continue;
                        WriteCtrRow(events[firstOfItem[events.ItemOf(candidate)]], positiveEvent.Time, 0, split, positiveEvent.User);
                        break;
                    }
                }
            }
        }
        EnsureBoth(DupnTask.Ctr);
    }

    private void WriteCtrRow(LogEvent item, long time, int label, long split, string? user = null)
    {
        var w = Begin(DupnTask.Ctr, time < split, user ?? item.User, time);
        w.Write(item.Item);
        w.Write(item.Shop);
        w.Write(item.Brand);
        w.Write(item.Category);
        w.Write(item.Tags);
        w.Write(label);
        w.EndRecord();
    }

    public void Dispose()
    {
        foreach (var w in _writers.Values)
            w.Dispose();
    }
}
