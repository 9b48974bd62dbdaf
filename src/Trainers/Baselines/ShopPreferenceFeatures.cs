using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// Candidate-match history aggregates for shop preference, no DUPN: for the candidate
/// shop s and the category it sells (<see cref="ShopCatalog"/>), per behaviour type (click, fav,
/// cart, buy; in a log without those four, its four most frequent types, e.g. MovieLens's like and
/// view) the number of the user's past behaviours in s and in its category, the same with a
/// recency weight (half-life 10 behaviours), within the last day and within the last week; the
/// time-gap bucket of the most recent match in s and in its category; the user's behaviours per
/// type and the history's length. 2·4·4 + 2 + 4 + 1 = 39 numbers.
/// </summary>
public sealed class ShopPreferenceFeatures
{
    private const int DayBucket = 2 + 4, WeekBucket = 2 + 5; // time index = 2 + bucket: <1m <5m <30m <1h <1d <1w older
    private readonly ShopCatalog _catalog;
    private readonly int[] _types;

    public ShopPreferenceFeatures(BehaviorFeaturizer featurizer, ShopCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _types = TypeSlots(featurizer.Type);
    }

    // The type index behind each of the four slots; -1 (never a history index) leaves a slot empty.
    private static int[] TypeSlots(Vocabulary types)
    {
        string[] taobao = ["click", "fav", "cart", "buy"];
        int[] named = taobao.Select(t => types.IndexOf(t)).ToArray();
        if (named.All(i => i >= 2))
            return named;
        // Indices follow frequency (2 = the most frequent type): the log's own four most frequent types.
        return Enumerable.Range(0, 4).Select(i => i < types.Ids.Count ? i + 2 : -1).ToArray();
    }

    /// <summary>The number of features.</summary>
    public static int Length => 2 * 4 * 4 + 2 + 4 + 1;

    public float[] Compute(FeaturizedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        int shop = row.TargetShop, category = _catalog.Category(shop);
        var f = new float[Length];
        float recentShop = 9, recentCategory = 9;
        for (int t = 0; t < row.Length; t++)
        {
            int type = Array.IndexOf(_types, row.HistoryType[t]);
            if (type < 0)
                continue;
            f[2 * 4 * 4 + 2 + type]++;
            float decay = MathF.Pow(0.5f, (row.Length - 1 - t) / 10f);
            int time = row.HistoryTime[t];
            for (int m = 0; m < 2; m++)
            {
                bool match = m == 0 ? shop > 1 && row.HistoryShop[t] == shop : category > 1 && row.HistoryCategory[t] == category;
                if (!match)
                    continue;
                int at = (m * 4 + type) * 4;
                f[at]++;
                f[at + 1] += decay;
                if (time <= DayBucket) f[at + 2]++;
                if (time <= WeekBucket) f[at + 3]++;
                if (m == 0) recentShop = Math.Min(recentShop, time);
                else recentCategory = Math.Min(recentCategory, time);
            }
        }
        f[2 * 4 * 4] = recentShop;
        f[2 * 4 * 4 + 1] = recentCategory;
        f[^1] = row.Length;
        return f;
    }
}
