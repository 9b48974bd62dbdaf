using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// Dense aggregates of a history, the features a .NET user would hand to a tree learner first:
/// counts per behaviour type, per time-gap bucket and per type x bucket, candidate matches per
/// type with their most recent gap, the histogram of the most common tags per type (price level,
/// style), the profile and the L2R ranking features.
/// </summary>
internal sealed class AggregateFeatures
{
    private const int Types = 8;        // behaviour-type indices kept (0 pad, 1 unknown, 2.. click, cart, fav, buy, ...)
    private const int TimeBuckets = 9;  // padding, unknown and the paper's 7 buckets
    private readonly int[] _topTags;
    private readonly Dictionary<int, int> _tagSlot;
    private readonly int _profileColumns;
    private readonly int _ranking;

    private AggregateFeatures(int[] topTags, int profileColumns, int ranking)
    {
        _topTags = topTags;
        _tagSlot = topTags.Select((tag, slot) => (tag, slot)).ToDictionary(p => p.tag, p => p.slot);
        _profileColumns = profileColumns;
        _ranking = ranking;
    }

    /// <summary>Learns which tags to histogram (the most frequent in the training histories).</summary>
    public static AggregateFeatures Fit(DupnTask task, IReadOnlyList<FeaturizedRow> train, int topTags = 32)
    {
        var counts = new Dictionary<int, int>();
        foreach (var row in train)
        {
            foreach (int tag in row.HistoryTags)
            {
                if (tag > 1)
                    counts[tag] = counts.GetValueOrDefault(tag) + 1;
            }
        }
        int[] top = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(topTags).Select(p => p.Key).ToArray();
        int profile = train.Count > 0 ? train[0].Profile.Length : 0;
        int ranking = task == DupnTask.L2r && train.Count > 0 ? train[0].RankingFeatures.Length : 0;
        return new AggregateFeatures(top, profile, ranking);
    }

    public int Length => 1 + Types + TimeBuckets + Types * TimeBuckets + 4 * Types * 2 + Types * _topTags.Length + _profileColumns + _ranking + 2;

    public float[] Compute(FeaturizedRow row)
    {
        var f = new float[Length];
        int o = 0;
        f[o++] = row.Length;
        int typeAt = o; o += Types;
        int timeAt = o; o += TimeBuckets;
        int crossAt = o; o += Types * TimeBuckets;
        int matchAt = o; o += 4 * Types * 2;
        int tagAt = o; o += Types * _topTags.Length;
        int profileAt = o; o += _profileColumns;
        int rankingAt = o; o += _ranking;
        int candidateAt = o;

        int tagsPer = row.Length == 0 ? 0 : row.HistoryTags.Length / row.Length;
        for (int field = 0; field < 4; field++)
        {
            for (int type = 0; type < Types; type++)
                f[matchAt + (field * Types + type) * 2 + 1] = TimeBuckets; // "never matched": older than any bucket
        }
        for (int t = 0; t < row.Length; t++)
        {
            int type = Math.Min(row.HistoryType[t], Types - 1);
            int time = Math.Min(row.HistoryTime[t], TimeBuckets - 1);
            f[typeAt + type]++;
            f[timeAt + time]++;
            f[crossAt + type * TimeBuckets + time]++;

            Span<bool> matches = [
                row.Category != 0 && row.HistoryCategory[t] == row.Category,
                row.Shop != 0 && row.HistoryShop[t] == row.Shop || row.TargetShop != 0 && row.HistoryShop[t] == row.TargetShop,
                row.Brand != 0 && row.HistoryBrand[t] == row.Brand,
                row.Item != 0 && row.HistoryItem[t] == row.Item];
            for (int field = 0; field < 4; field++)
            {
                if (!matches[field])
                    continue;
                int at = matchAt + (field * Types + type) * 2;
                f[at]++;
                f[at + 1] = Math.Min(f[at + 1], time); // the most recent match's bucket (history is oldest first)
            }
            for (int k = 0; k < tagsPer; k++)
            {
                if (_tagSlot.TryGetValue(row.HistoryTags[t * tagsPer + k], out int slot))
                    f[tagAt + type * _topTags.Length + slot]++;
            }
        }
        for (int j = 0; j < _profileColumns && j < row.Profile.Length; j++)
            f[profileAt + j] = row.Profile[j];
        for (int j = 0; j < _ranking && j < row.RankingFeatures.Length; j++)
            f[rankingAt + j] = row.RankingFeatures[j];
        f[candidateAt] = row.Category;
        f[candidateAt + 1] = row.Talent;
        return f;
    }
}
