namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// The point-in-time join on raw behaviours: a per-user index of the log, each user's behaviours sorted
/// by time (stable: ties keep file order; duplicates are kept, they are real events). The history of a
/// request at time t is the user's behaviours with timestamp strictly before t, the most recent N,
/// oldest first. (The featuriser keeps its own, compact index of vocabulary indices.)
/// </summary>
public sealed class BehaviorHistoryIndex
{
    private readonly Dictionary<string, Behavior[]> _byUser;
    private readonly Dictionary<string, long[]> _times;

    private BehaviorHistoryIndex(Dictionary<string, Behavior[]> byUser)
    {
        _byUser = byUser;
        _times = byUser.ToDictionary(p => p.Key, p => p.Value.Select(b => b.Timestamp).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Indexes a stream of behaviours.</summary>
    public static BehaviorHistoryIndex Build(IEnumerable<Behavior> behaviors)
    {
        var lists = new Dictionary<string, List<Behavior>>(StringComparer.Ordinal);
        foreach (var b in behaviors)
        {
            if (!lists.TryGetValue(b.UserId, out var list))
                lists[b.UserId] = list = [];
            list.Add(b);
        }
        var byUser = new Dictionary<string, Behavior[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (user, list) in lists)
        {
            // OrderBy is stable, so equal timestamps keep the file's order.
            byUser[user] = list.OrderBy(b => b.Timestamp).ToArray();
        }
        return new BehaviorHistoryIndex(byUser);
    }

    /// <summary>Users with at least one behaviour.</summary>
    public int UserCount => _byUser.Count;

    /// <summary>The user's behaviours strictly before <paramref name="timestamp"/>, the most recent <paramref name="maxLength"/>, oldest first.</summary>
    public ReadOnlySpan<Behavior> History(string userId, long timestamp, int maxLength)
    {
        if (maxLength < 0)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The history length must not be negative.");
        if (!_byUser.TryGetValue(userId, out var all))
            return [];
        int end = CountBefore(_times[userId], timestamp);
        int start = Math.Max(0, end - maxLength);
        return all.AsSpan(start, end - start);
    }

    /// <summary>The number of entries of a sorted array strictly below <paramref name="t"/>.</summary>
    internal static int CountBefore(ReadOnlySpan<long> sorted, long t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
