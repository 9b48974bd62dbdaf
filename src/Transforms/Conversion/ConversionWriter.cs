using Dupn.MLNet.Data;

namespace Dupn.MLNet.Conversion;

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

    public static long WriteBehaviors(string folder, IEnumerable<LogEvent> events)
    {
        Directory.CreateDirectory(folder);
        using var w = CsvWriter.Create(Path.Combine(folder, DatasetSchema.BehaviorsFile));
        w.WriteRecord(DatasetSchema.BehaviorColumns);
        long n = 0;
        foreach (var e in events)
        {
            w.Write(e.User);
            w.Write(e.Time);
            w.Write(e.Item);
            w.Write(e.Shop);
            w.Write(e.Brand);
            w.Write(e.Category);
            w.Write(e.Tags);
            w.Write(e.Type);
            w.Write(e.Scene);
            w.EndRecord();
            n++;
        }
        return n;
    }

    /// <summary>The (1 - testFraction) quantile of the event times: rows at or after it are test rows.</summary>
    public static long SplitTime(IReadOnlyList<LogEvent> events, double testFraction)
    {
        if (events.Count == 0)
            throw new InvalidDataException("The input has no valid behaviours to convert.");
        var times = events.Select(e => e.Time).Order().ToArray();
        return times[Math.Min(times.Length - 1, (int)(times.Length * (1 - testFraction)))];
    }

    /// <summary>Opens the task file and starts a row with user, timestamp and query.</summary>
    public CsvWriter Begin(DatasetTask task, bool train, string user, long time, string query = "")
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
    public void EnsureBoth(DatasetTask task)
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
    /// user never touched. The row's candidate fields come from the item's first appearance.
    /// </summary>
    public void WriteCtr(IReadOnlyList<LogEvent> events, Func<LogEvent, bool> positive, long split, ConversionOptions options)
    {
        var rng = new Random(options.Seed);
        var itemInfo = new Dictionary<string, LogEvent>(StringComparer.Ordinal);
        foreach (var e in events)
            itemInfo.TryAdd(e.Item, e);
        foreach (var user in events.GroupBy(e => e.User, StringComparer.Ordinal))
        {
            var touched = user.Select(e => e.Item).ToHashSet(StringComparer.Ordinal);
            var positives = user.Where(positive).OrderBy(e => e.Time).ToList();
            if (options.MaxPositivesPerUser > 0 && positives.Count > options.MaxPositivesPerUser)
            {
                int n = options.MaxPositivesPerUser;
                positives = Enumerable.Range(0, n).Select(i => positives[(int)((long)i * positives.Count / n)]).ToList();
            }
            foreach (var p in positives)
            {
                WriteCtrRow(p, p.Time, 1, split);
                for (int k = 0; k < options.NegativesPerPositive; k++)
                {
                    for (int tries = 0; tries < 20; tries++)
                    {
                        var candidate = events[rng.Next(events.Count)];
                        if (touched.Contains(candidate.Item))
                            continue;
                        WriteCtrRow(itemInfo[candidate.Item], p.Time, 0, split, p.User);
                        break;
                    }
                }
            }
        }
        EnsureBoth(DatasetTask.Ctr);
    }

    private void WriteCtrRow(LogEvent item, long time, int label, long split, string? user = null)
    {
        var w = Begin(DatasetTask.Ctr, time < split, user ?? item.User, time);
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
