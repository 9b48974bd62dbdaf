using Dupn.MLNet.Transforms.Data;
using static Dupn.MLNet.DatasetSchema;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// The per-user index of a behaviour log in network indices: one column per field (ints, K tag ints
/// per behaviour, a long timestamp), each user's behaviours contiguous and sorted by time (stable;
/// duplicates kept). About 8 + 4·(6 + K) bytes per behaviour (48 with K = 4) and no strings, so the
/// point-in-time join of a task row is a binary search and a few array copies.
/// </summary>
public sealed class EncodedBehaviorLog
{
    private readonly Dictionary<string, int> _userSlot;
    private readonly int[] _userStart;
    private readonly int[] _userCount;
    private readonly Dictionary<string, int[]> _profiles;

    internal EncodedBehaviorLog(int tagsPerBehavior, Dictionary<string, int> userSlot, int[] userStart, int[] userCount,
        long[] time, int[] item, int[] shop, int[] brand, int[] category, int[] type, int[] scene, int[] tags,
        Dictionary<string, int[]> profiles, int profileColumns)
    {
        TagsPerBehavior = tagsPerBehavior;
        _userSlot = userSlot;
        _userStart = userStart;
        _userCount = userCount;
        Time = time;
        Item = item;
        Shop = shop;
        Brand = brand;
        Category = category;
        Type = type;
        Scene = scene;
        Tags = tags;
        _profiles = profiles;
        MissingProfile = Enumerable.Repeat(Vocabulary.OutOfVocabulary, profileColumns).ToArray();
    }

    /// <summary>Behaviours indexed.</summary>
    public long BehaviorCount => Time.Length;

    /// <summary>Users with at least one behaviour.</summary>
    public int UserCount => _userStart.Length;

    /// <summary>K.</summary>
    public int TagsPerBehavior { get; }

    internal long[] Time { get; }
    internal int[] Item { get; }
    internal int[] Shop { get; }
    internal int[] Brand { get; }
    internal int[] Category { get; }
    internal int[] Type { get; }
    internal int[] Scene { get; }
    internal int[] Tags { get; }
    internal int[] MissingProfile { get; }

    /// <summary>The user's behaviours strictly before <paramref name="timestamp"/>, the most recent <paramref name="maxLength"/>: [start, start + length) in the columns.</summary>
    internal (int Start, int Length) Window(string userId, long timestamp, int maxLength)
    {
        if (!_userSlot.TryGetValue(userId, out int slot))
            return (0, 0);
        int start = _userStart[slot];
        int end = start + BehaviorHistoryIndex.CountBefore(Time.AsSpan(start, _userCount[slot]), timestamp);
        int first = Math.Max(start, end - maxLength);
        return (first, end - first);
    }

    /// <summary>The profile indices of a user (all 1 = missing when the user has no users.csv row).</summary>
    internal int[] Profile(string userId) => _profiles.TryGetValue(userId, out var p) ? p : MissingProfile;

    /// <summary>Encodes behaviors.csv and users.csv of a dataset with the featuriser's vocabularies.</summary>
    internal static EncodedBehaviorLog Build(Dataset dataset, BehaviorFeaturizer featurizer)
    {
        int k = featurizer.Options.TagsPerBehavior;
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotLookup = new SpanKeyedLookup<int>(slots);
        var userOf = new GrowingArray<int>();
        var time = new GrowingArray<long>();
        var item = new GrowingArray<int>();
        var shop = new GrowingArray<int>();
        var brand = new GrowingArray<int>();
        var category = new GrowingArray<int>();
        var type = new GrowingArray<int>();
        var scene = new GrowingArray<int>();
        var tags = new GrowingArray<int>();
        var v = featurizer;
        // Fields as spans: a string is made once per user, never per behaviour.
        var parsed = RecordParser.ReadFields(dataset.BehaviorsPath, DatasetSchema.BehaviorColumns, (f, c) =>
        {
            // Validate first, then append: a skipped row must leave no partial entry behind.
            var user = c.Required(f, BehaviorField.UserId);
            long ts = c.Timestamp(f, BehaviorField.Timestamp);
            var behaviorType = c.Required(f, BehaviorField.Type);
            if (!slotLookup.TryGetValue(user, out int slot))
            {
                slot = slots.Count;
                slots.Add(user.ToString(), slot);
            }
            userOf.Add(slot);
            time.Add(ts);
            item.Add(v.Item.IndexOf(f[BehaviorField.Item]));
            shop.Add(v.Shop.IndexOf(f[BehaviorField.Shop]));
            brand.Add(v.Brand.IndexOf(f[BehaviorField.Brand]));
            category.Add(v.Category.IndexOf(f[BehaviorField.Category]));
            type.Add(v.Type.IndexOf(behaviorType));
            scene.Add(v.Scene.IndexOf(f[BehaviorField.Scene]));
            Span<int> tagIndices = stackalloc int[k];
            v.EncodeTags(f[BehaviorField.Tags], tagIndices);
            tags.AddRange(tagIndices);
            return true;
        }, dataset.Options, dataset.Report);
        foreach (var _ in parsed)
        {
        }

        int n = time.Count, users = slots.Count;
        var userCount = new int[users];
        var userStart = new int[users];
        var userSpan = userOf.AsSpan();
        foreach (int s in userSpan)
            userCount[s]++;
        for (int s = 1; s < users; s++)
            userStart[s] = userStart[s - 1] + userCount[s - 1];

        // Counting sort by user keeps the file order within a user; then each user's block is made
        // time-ordered with a stable sort only when it is not already (logs are usually sorted).
        var order = new int[n];
        var cursor = (int[])userStart.Clone();
        for (int i = 0; i < n; i++)
            order[cursor[userSpan[i]]++] = i;
        var timeSpan = time.AsSpan();
        for (int s = 0; s < users; s++)
        {
            var block = order.AsSpan(userStart[s], userCount[s]);
            bool sorted = true;
            for (int i = 1; i < block.Length && sorted; i++)
                sorted = timeSpan[block[i]] >= timeSpan[block[i - 1]];
            if (!sorted)
            {
                var keys = new (long, int)[block.Length];
                for (int i = 0; i < block.Length; i++)
                    keys[i] = (timeSpan[block[i]], block[i]);
                Array.Sort(keys);
                for (int i = 0; i < block.Length; i++)
                    block[i] = keys[i].Item2;
            }
        }

        var profiles = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (user, values) in dataset.Users.Rows)
            profiles[user] = featurizer.EncodeProfile(values);

        return new EncodedBehaviorLog(k, slots, userStart, userCount,
            Permute(time, order), Permute(item, order), Permute(shop, order), Permute(brand, order),
            Permute(category, order), Permute(type, order), Permute(scene, order), PermuteBlocks(tags, order, k),
            profiles, featurizer.ProfileColumns.Count);
    }

    private static T[] Permute<T>(GrowingArray<T> source, int[] order)
    {
        var s = source.AsSpan();
        var result = new T[order.Length];
        for (int i = 0; i < order.Length; i++)
            result[i] = s[order[i]];
        return result;
    }

    private static int[] PermuteBlocks(GrowingArray<int> source, int[] order, int k)
    {
        var s = source.AsSpan();
        var result = new int[order.Length * k];
        for (int i = 0; i < order.Length; i++)
            s.Slice(order[i] * k, k).CopyTo(result.AsSpan(i * k, k));
        return result;
    }
}
