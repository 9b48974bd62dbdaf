using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Tests.Baselines;

/// <summary>
/// Small featurised rows with a planted signal: each user has a current interest category that
/// shows in their buys and carts (clicks are random noise); a CTR candidate is clicked mostly when
/// it is in that category; the PPP level is the price tag of what the user buys. With
/// <c>focus</c> above 0, that share of all behaviours (of any type) is in the interest category
/// and carries the price tag: a signal that models blind to the behaviour type (CNN-max sees
/// e_t only) can find too.
/// </summary>
internal static class PlantedRows
{
    public const int Categories = 12;
    private const int Click = 2, Cart = 3, Fav = 4, Buy = 5;

    public static (List<FeaturizedRow> Ctr, List<FeaturizedRow> Ppp) Make(int users, int seed, double focus = 0)
    {
        var random = new Random(seed);
        var ctr = new List<FeaturizedRow>();
        var ppp = new List<FeaturizedRow>();
        for (int u = 0; u < users; u++)
        {
            int interest = 2 + random.Next(Categories);
            int level = 1 + random.Next(7);
            int priceTag = 1 + level; // tag indices 2..8 are the price levels
            int length = 5 + random.Next(26);
            var item = new int[length]; var shop = new int[length]; var brand = new int[length]; var cat = new int[length];
            var tags = new int[length * 4]; var type = new int[length]; var scene = new int[length]; var time = new int[length];
            for (int t = 0; t < length; t++)
            {
                int kind = random.NextDouble() switch { < 0.7 => Click, < 0.8 => Cart, < 0.9 => Fav, _ => Buy };
                bool focused = focus > 0 && random.NextDouble() < focus; // draws nothing when focus is 0
                bool informative = kind is Buy or Cart || focused;
                cat[t] = informative ? interest : 2 + random.Next(Categories);
                item[t] = 2 + random.Next(500);
                shop[t] = 2 + random.Next(50);
                brand[t] = 2 + random.Next(80);
                tags[t * 4] = kind == Buy || focused ? priceTag : 2 + random.Next(7);
                tags[t * 4 + 1] = 10 + random.Next(20);
                type[t] = kind;
                scene[t] = 2 + random.Next(3);
                time[t] = 2 + Math.Min(6, (length - t) / 4);
            }
            bool match = random.NextDouble() < 0.5;
            int candidateCat = match ? interest : 2 + random.Next(Categories);
            float label = random.NextDouble() < (candidateCat == interest ? 0.8 : 0.15) ? 1f : 0f;
            int[] profile = [2 + u % 2];
            ctr.Add(new FeaturizedRow
            {
                UserId = $"u{u}", Timestamp = 1000 + u,
                HistoryItem = item, HistoryShop = shop, HistoryBrand = brand, HistoryCategory = cat, HistoryTags = tags,
                HistoryType = type, HistoryScene = scene, HistoryTime = time, Query = [0, 0, 0, 0, 0, 0, 0, 0], Profile = profile,
                Item = 2 + random.Next(500), Shop = 2 + random.Next(50), Brand = 2 + random.Next(80), Category = candidateCat,
                ItemTags = [2 + random.Next(7), 10 + random.Next(20), 0, 0], Label = label,
            });
            ppp.Add(new FeaturizedRow
            {
                UserId = $"u{u}", Timestamp = 1000 + u,
                HistoryItem = item, HistoryShop = shop, HistoryBrand = brand, HistoryCategory = cat, HistoryTags = tags,
                HistoryType = type, HistoryScene = scene, HistoryTime = time, Query = [0, 0, 0, 0, 0, 0, 0, 0], Profile = profile,
                Level = level,
            });
        }
        return (ctr, ppp);
    }

    /// <summary>Rank-based AUC (Mann-Whitney U), ties counted half.</summary>
    public static double Auc(IReadOnlyList<float> scores, IReadOnlyList<float> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumPositive = 0;
        int positives = 0;
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
                j++;
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++)
            {
                if (labels[order[k]] > 0.5f)
                {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        int negatives = scores.Count - positives;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
