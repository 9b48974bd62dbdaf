using System.Collections.Concurrent;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// What the readers skipped (only when <see cref="DatasetReadOptions.SkipBadRows"/> is on): counts per file
/// and the first messages. A file read several times (fit, then index) is counted once: each pass over
/// a file restarts its counts, so they describe the latest pass.
/// </summary>
public sealed class DatasetReadReport
{
    private readonly ConcurrentDictionary<string, long> _skipped = new();
    private readonly ConcurrentDictionary<string, long> _read = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentDictionary<string, byte> _seen = new();

    /// <summary>The most messages kept (the counts are always complete).</summary>
    public int MaxMessages { get; init; } = 100;

    /// <summary>Rows skipped per file.</summary>
    public IReadOnlyDictionary<string, long> SkippedRows => _skipped;

    /// <summary>Rows read successfully per file in the latest pass.</summary>
    public IReadOnlyDictionary<string, long> ReadRows => _read;

    /// <summary>The first error messages (file, line, column, problem).</summary>
    public IReadOnlyCollection<string> Messages => _messages;

    /// <summary>Total rows skipped over all files.</summary>
    public long TotalSkipped => _skipped.Values.Sum();

    internal void StartPass(string file)
    {
        _skipped.TryRemove(file, out _);
        _read[file] = 0;
    }

    internal void Skip(DatasetFormatException error)
    {
        _skipped.AddOrUpdate(error.File, 1, (_, n) => n + 1);
        if (_messages.Count < MaxMessages && _seen.TryAdd(error.Message, 0))
            _messages.Enqueue(error.Message);
    }

    internal void Read(string file, long rows) => _read[file] = rows;

    public override string ToString() => _skipped.IsEmpty
        ? "No rows skipped."
        : string.Join(Environment.NewLine, _skipped.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value} bad rows skipped"));
}
