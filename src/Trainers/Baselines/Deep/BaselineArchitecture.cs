using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Baselines.Deep;

/// <summary>
/// The <see cref="DupnArchitecture"/> a deep baseline builds its embedding tables from: the
/// dimensions of <see cref="DeepBaselineOptions.Embeddings"/>, and the vocabularies and sequence
/// shape read from the rows themselves (a baseline gets rows, not the featuriser). Tables cover
/// the largest index of the training and test rows, as DUPN's cover the featuriser's vocabulary:
/// a row never seen in training keeps its random initialisation in both.
/// </summary>
internal static class BaselineArchitecture
{
    public static DupnArchitecture Infer(DupnArchitecture dimensions, DupnTask task,
        IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test)
    {
        if (train.Count == 0)
            throw new ArgumentException($"The {task} baseline needs at least one training row.", nameof(train));
        var first = train[0];
        int profileColumns = first.Profile.Length;
        int ranking = task == DupnTask.L2r ? first.RankingFeatures.Length : 0;
        if (task == DupnTask.L2r && ranking == 0)
            throw new InvalidDataException($"L2R training row 0 (user '{first.UserId}') has no ranking features; L2R rows need them.");
        int k = train.Concat(test).Where(r => r.Length > 0).Select(r => r.HistoryTags.Length / r.Length).FirstOrDefault();
        if (k == 0)
            k = Math.Max(1, Math.Max(first.ItemTags.Length, first.TalentTags.Length));

        var max = new Maxima(profileColumns);
        Check(task, train, "training", profileColumns, ranking, k, max);
        Check(task, test, "test", profileColumns, ranking, k, max);

        return dimensions with
        {
            ItemVocabulary = Vocabulary(max.Item), ShopVocabulary = Vocabulary(max.Shop), BrandVocabulary = Vocabulary(max.Brand),
            CategoryVocabulary = Vocabulary(max.Category), TagVocabulary = Vocabulary(max.Tag), TypeVocabulary = Vocabulary(max.Type),
            SceneVocabulary = Vocabulary(max.Scene), QueryVocabulary = Vocabulary(max.Query), TalentVocabulary = Vocabulary(max.Talent),
            TalentTagVocabulary = Vocabulary(max.TalentTag), ProfileVocabularies = max.Profile.Select(Vocabulary).ToArray(),
            TimeBuckets = Math.Max(dimensions.TimeBuckets, max.Time + 1),
            RankingFeatures = ranking,
            MaxHistory = Math.Max(1, max.Length),
            TagsPerBehavior = k,
            QueryTokens = Math.Max(1, max.QueryTokens),
            Variant = DupnVariant.All,
            UseBatchNorm = false,
            Tasks = [task],
        };
    }

    // Indices 0 (padding) and 1 (unknown) are reserved: a largest index i needs a vocabulary of i - 1.
    private static int Vocabulary(int largestIndex) => Math.Max(0, largestIndex - 1);

    private static void Check(DupnTask task, IReadOnlyList<FeaturizedRow> rows, string split, int profileColumns, int ranking, int k, Maxima max)
    {
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r] ?? throw new ArgumentException($"{task} {split} row {r} is null.");
            string where = $"{task} {split} row {r} (user '{row.UserId}')";
            int length = row.Length;
            void SameLength(int[] values, string field, int expected)
            {
                if (values.Length != expected)
                    throw new InvalidDataException($"{where}: {field} has {values.Length} entries; expected {expected}.");
            }
            SameLength(row.HistoryShop, nameof(row.HistoryShop), length);
            SameLength(row.HistoryBrand, nameof(row.HistoryBrand), length);
            SameLength(row.HistoryCategory, nameof(row.HistoryCategory), length);
            SameLength(row.HistoryType, nameof(row.HistoryType), length);
            SameLength(row.HistoryScene, nameof(row.HistoryScene), length);
            SameLength(row.HistoryTime, nameof(row.HistoryTime), length);
            SameLength(row.HistoryTags, nameof(row.HistoryTags) + $" (L x K, K = {k})", length * k);
            SameLength(row.Profile, nameof(row.Profile) + " (as the first training row)", profileColumns);
            if (ranking > 0 && row.RankingFeatures.Length != ranking)
                throw new InvalidDataException($"{where}: RankingFeatures has {row.RankingFeatures.Length} values; the first training row has {ranking}.");
            if (row.ItemTags.Length > k || row.TalentTags.Length > k)
                throw new InvalidDataException($"{where}: ItemTags or TalentTags has more than K = {k} entries.");
            if (task == DupnTask.Ppp ? row.Level is < 1 or > 7 : row.Label is not (0f or 1f))
                throw new InvalidDataException(task == DupnTask.Ppp
                    ? $"{where}: PPP level {row.Level} is outside 1..7."
                    : $"{where}: label {row.Label} is not 0 or 1.");

            max.Length = Math.Max(max.Length, length);
            max.QueryTokens = Math.Max(max.QueryTokens, row.Query.Length);
            max.Item = Largest(where, nameof(row.HistoryItem), row.HistoryItem, max.Item, row.Item);
            max.Shop = Largest(where, nameof(row.HistoryShop), row.HistoryShop, max.Shop, row.Shop, row.TargetShop);
            max.Brand = Largest(where, nameof(row.HistoryBrand), row.HistoryBrand, max.Brand, row.Brand);
            max.Category = Largest(where, nameof(row.HistoryCategory), row.HistoryCategory, max.Category, row.Category);
            max.Tag = Largest(where, nameof(row.ItemTags), row.ItemTags, Largest(where, nameof(row.HistoryTags), row.HistoryTags, max.Tag));
            max.Type = Largest(where, nameof(row.HistoryType), row.HistoryType, max.Type);
            max.Scene = Largest(where, nameof(row.HistoryScene), row.HistoryScene, max.Scene);
            max.Time = Largest(where, nameof(row.HistoryTime), row.HistoryTime, max.Time);
            max.Query = Largest(where, nameof(row.Query), row.Query, max.Query);
            max.Talent = Largest(where, nameof(row.Talent), [], max.Talent, row.Talent);
            max.TalentTag = Largest(where, nameof(row.TalentTags), row.TalentTags, max.TalentTag);
            for (int j = 0; j < profileColumns; j++)
                max.Profile[j] = Largest(where, $"Profile[{j}]", [], max.Profile[j], row.Profile[j]);
            for (int s = 0; s < length; s++)
            {
                if (row.HistoryItem[s] == 0)
                    throw new InvalidDataException($"{where}: behaviour {s} has item index 0 (padding); a real behaviour needs a non-zero index (1 = unknown).");
            }
        }
    }

    private static int Largest(string where, string field, int[] values, int current, params int[] more)
    {
        foreach (int v in values.Concat(more))
        {
            if (v < 0)
                throw new InvalidDataException($"{where}: {field} holds the negative index {v}.");
            current = Math.Max(current, v);
        }
        return current;
    }

    private sealed class Maxima(int profileColumns)
    {
        public int Length, QueryTokens, Item, Shop, Brand, Category, Tag, Type, Scene, Time, Query, Talent, TalentTag;
        public int[] Profile { get; } = new int[profileColumns];
    }
}
