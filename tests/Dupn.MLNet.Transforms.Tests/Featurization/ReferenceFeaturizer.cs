using System.Globalization;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Tests.Featurization;

/// <summary>
/// The point-in-time join written the plain way, on in-memory records (no CSV, no index, no batches):
/// per request, the user's behaviours strictly before it, stably sorted by time, the last N, each id
/// looked up in the fitted vocabularies. What the fast path must reproduce exactly.
/// </summary>
internal static class ReferenceFeaturizer
{
    public static FeaturizedRow Featurize(BehaviorFeaturizer f, ParityDataset data, ParityDataset.Request r)
    {
        int n = f.Options.MaxHistory, k = f.Options.TagsPerBehavior, q = f.Options.QueryTokens;
        var earlier = data.Log.Where(e => e.User == r.User && e.Time < r.Time).OrderBy(e => e.Time).ToList();
        var history = earlier.Skip(Math.Max(0, earlier.Count - n)).ToList();
        bool hasItem = r.Task is DupnTask.Ctr or DupnTask.L2r;
        return new FeaturizedRow
        {
            UserId = r.User,
            Timestamp = r.Time,
            HistoryItem = history.Select(e => f.Item.IndexOf(e.Item)).ToArray(),
            HistoryShop = history.Select(e => f.Shop.IndexOf(e.Shop)).ToArray(),
            HistoryBrand = history.Select(e => f.Brand.IndexOf(e.Brand)).ToArray(),
            HistoryCategory = history.Select(e => f.Category.IndexOf(e.Category)).ToArray(),
            HistoryTags = history.SelectMany(e => Padded(f.Tag, e.Tags.Split('|').Where(t => t.Length > 0), k)).ToArray(),
            HistoryType = history.Select(e => f.Type.IndexOf(e.Type)).ToArray(),
            HistoryScene = history.Select(e => f.Scene.IndexOf(e.Scene)).ToArray(),
            HistoryTime = history.Select(e => f.TimeGaps.IndexOf(r.Time - e.Time)).ToArray(),
            Query = Padded(f.Query, r.Query.Split(' ').Select(t => t.Trim()).Where(t => t.Length > 0), q),
            Profile = data.Profiles.TryGetValue(r.User, out var values)
                ? values.Select((v, j) => f.Profiles[j].IndexOf(v)).ToArray()
                : Enumerable.Repeat(Vocabulary.OutOfVocabulary, f.Profiles.Count).ToArray(),
            Item = hasItem ? f.Item.IndexOf(r.Item) : 0,
            Shop = hasItem ? f.Shop.IndexOf(r.Shop) : 0,
            Brand = hasItem ? f.Brand.IndexOf(r.Brand) : 0,
            Category = hasItem ? f.Category.IndexOf(r.Category) : 0,
            ItemTags = hasItem ? Padded(f.Tag, r.Tags.Split('|').Where(t => t.Length > 0), k) : [],
            RankingFeatures = r.Task == DupnTask.L2r
                ? r.Features.Split('|').Select(x => float.Parse(x, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()
                : [],
            BehaviorType = r.Task == DupnTask.L2r ? f.Type.IndexOf(r.Type) : 0,
            Talent = r.Task == DupnTask.Follow ? f.Talent.IndexOf(r.Talent) : 0,
            TalentTags = r.Task == DupnTask.Follow ? Padded(f.TalentTag, r.TalentTags.Split('|').Where(t => t.Length > 0), k) : [],
            TargetShop = r.Task == DupnTask.ShopPref ? f.Shop.IndexOf(r.Shop) : 0,
            Label = r.Task == DupnTask.Ppp ? 0 : int.Parse(r.Label, CultureInfo.InvariantCulture),
            Level = r.Task == DupnTask.Ppp ? int.Parse(r.Level, CultureInfo.InvariantCulture) : 0,
        };
    }

    private static int[] Padded(Vocabulary vocabulary, IEnumerable<string> tokens, int width)
    {
        var result = new int[width];
        int i = 0;
        foreach (var token in tokens.Take(width))
            result[i++] = vocabulary.IndexOf(token);
        return result;
    }
}
