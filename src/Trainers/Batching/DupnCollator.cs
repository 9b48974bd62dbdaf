using Dupn.MLNet.Transforms.Featurization;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Batching;

/// <summary>
/// Turns featurised rows into a <see cref="DupnBatch"/>: histories left-aligned, oldest first, and
/// 0-padded to the longest history in the batch (at least one step, so that tensors are never
/// empty). Every index is checked against the architecture's table sizes, so a bad row fails here
/// with its position and field named instead of deep inside libtorch.
/// </summary>
public sealed class DupnCollator
{
    private readonly DupnArchitecture _arch;
    private readonly ScalarType _floatType;
    private readonly Device _device;

    /// <param name="architecture">Fixes N, K, Q, P, m and the table sizes rows are checked against.</param>
    /// <param name="floatType">Floating-point type of the mask, features and labels (float32 for training, float64 for gradient checks).</param>
    /// <param name="device">Where the tensors go (CPU by default).</param>
    public DupnCollator(DupnArchitecture architecture, ScalarType floatType = ScalarType.Float32, Device? device = null)
    {
        architecture.Validate();
        _arch = architecture;
        _floatType = floatType;
        _device = device ?? CPU;
    }

    /// <summary>Collates <paramref name="rows"/> (at least one) into tensors.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="label">Where a row's <see cref="DupnBatch.Label"/> comes from (default <see cref="FeaturizedRow.Label"/>; custom heads pass their own).</param>
    public DupnBatch Collate(IReadOnlyList<FeaturizedRow> rows, Func<FeaturizedRow, float>? label = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            throw new ArgumentException("Cannot collate an empty list of rows.", nameof(rows));

        int b = rows.Count, k = _arch.TagsPerBehavior, q = _arch.QueryTokens, p = _arch.ProfileVocabularies.Count, m = _arch.RankingFeatures;
        for (int r = 0; r < b; r++)
            Validate(rows[r], r);

        // At least one step, so that tensors are never empty.
        var h = PaddedHistories.Pack(rows, k, q, p, minSteps: 1);
        int t = h.Steps;
        var item = new long[b]; var shop = new long[b]; var brand = new long[b]; var category = new long[b];
        var itemTags = new long[b * k]; var ranking = new float[b * m];
        var talent = new long[b]; var talentTags = new long[b * k]; var targetShop = new long[b];
        var labels = new float[b]; var level = new long[b]; var behaviorType = new long[b];
        for (int r = 0; r < b; r++)
        {
            var row = rows[r];
            item[r] = row.Item; shop[r] = row.Shop; brand[r] = row.Brand; category[r] = row.Category;
            for (int j = 0; j < row.ItemTags.Length; j++)
                itemTags[r * k + j] = row.ItemTags[j];
            for (int j = 0; j < row.RankingFeatures.Length; j++)
                ranking[r * m + j] = row.RankingFeatures[j];
            talent[r] = row.Talent;
            for (int j = 0; j < row.TalentTags.Length; j++)
                talentTags[r * k + j] = row.TalentTags[j];
            targetShop[r] = row.TargetShop;
            labels[r] = label is null ? row.Label : label(row);
            level[r] = row.Level;
            behaviorType[r] = row.BehaviorType;
        }

        Tensor Long(long[] data, params long[] shape) => tensor(data, shape, device: _device);
        Tensor Float(float[] data, params long[] shape) => tensor(data, shape, device: _device).to_type(_floatType);

        return new DupnBatch
        {
            HistItem = Long(h.Item, b, t), HistShop = Long(h.Shop, b, t), HistBrand = Long(h.Brand, b, t),
            HistCategory = Long(h.Category, b, t), HistTags = Long(h.Tags, b, t, k), HistType = Long(h.Type, b, t),
            HistScene = Long(h.Scene, b, t), HistTime = Long(h.Time, b, t), HistMask = Float(h.Mask, b, t),
            Query = Long(h.Query, b, q), Profile = Long(h.Profile, b, p),
            Item = Long(item, b), Shop = Long(shop, b), Brand = Long(brand, b), Category = Long(category, b),
            ItemTags = Long(itemTags, b, k), RankingFeatures = Float(ranking, b, m),
            Talent = Long(talent, b), TalentTags = Long(talentTags, b, k), TargetShop = Long(targetShop, b),
            Label = Float(labels, b), Level = Long(level, b), BehaviorType = Long(behaviorType, b),
        };
    }

    private void Validate(FeaturizedRow row, int r)
    {
        ArgumentNullException.ThrowIfNull(row, $"rows[{r}]");
        int length = row.Length, k = _arch.TagsPerBehavior;
        if (length > _arch.MaxHistory)
            throw new ArgumentException($"Row {r} (user '{row.UserId}') has {length} behaviours; the architecture keeps at most MaxHistory = {_arch.MaxHistory}.");
        void SameLength(int[] values, string field)
        {
            if (values.Length != length)
                throw new ArgumentException($"Row {r} (user '{row.UserId}'): {field} has {values.Length} entries but HistoryItem has {length}.");
        }
        SameLength(row.HistoryShop, nameof(row.HistoryShop));
        SameLength(row.HistoryBrand, nameof(row.HistoryBrand));
        SameLength(row.HistoryCategory, nameof(row.HistoryCategory));
        SameLength(row.HistoryType, nameof(row.HistoryType));
        SameLength(row.HistoryScene, nameof(row.HistoryScene));
        SameLength(row.HistoryTime, nameof(row.HistoryTime));
        if (row.HistoryTags.Length != length * k)
            throw new ArgumentException($"Row {r} (user '{row.UserId}'): HistoryTags has {row.HistoryTags.Length} entries; expected {length} behaviours x K = {k}.");
        if (row.Query.Length > _arch.QueryTokens)
            throw new ArgumentException($"Row {r} (user '{row.UserId}'): Query has {row.Query.Length} tokens; the architecture keeps at most QueryTokens = {_arch.QueryTokens}.");
        if (row.Profile.Length != _arch.ProfileVocabularies.Count)
            throw new ArgumentException($"Row {r} (user '{row.UserId}'): Profile has {row.Profile.Length} columns; the architecture has {_arch.ProfileVocabularies.Count}.");
        if (row.ItemTags.Length > k)
            throw new ArgumentException($"Row {r} (user '{row.UserId}'): ItemTags has {row.ItemTags.Length} entries; at most K = {k}.");
        if (row.TalentTags.Length > k)
            throw new ArgumentException($"Row {r} (user '{row.UserId}'): TalentTags has {row.TalentTags.Length} entries; at most K = {k}.");
        if (row.RankingFeatures.Length != 0 && row.RankingFeatures.Length != _arch.RankingFeatures)
            throw new ArgumentException($"Row {r} (user '{row.UserId}'): RankingFeatures has {row.RankingFeatures.Length} values; the architecture has m = {_arch.RankingFeatures}.");

        void Indices(int[] values, int vocabulary, string field)
        {
            int rows = vocabulary + 2;
            foreach (int v in values)
                if (v < 0 || v >= rows)
                    throw new ArgumentException($"Row {r} (user '{row.UserId}'): {field} holds index {v}, outside its table of {rows} rows (vocabulary {vocabulary} + padding + unknown).");
        }
        Indices(row.HistoryItem, _arch.ItemVocabulary, nameof(row.HistoryItem));
        Indices(row.HistoryShop, _arch.ShopVocabulary, nameof(row.HistoryShop));
        Indices(row.HistoryBrand, _arch.BrandVocabulary, nameof(row.HistoryBrand));
        Indices(row.HistoryCategory, _arch.CategoryVocabulary, nameof(row.HistoryCategory));
        Indices(row.HistoryTags, _arch.TagVocabulary, nameof(row.HistoryTags));
        Indices(row.HistoryType, _arch.TypeVocabulary, nameof(row.HistoryType));
        Indices(row.HistoryScene, _arch.SceneVocabulary, nameof(row.HistoryScene));
        Indices(row.HistoryTime, _arch.TimeBuckets - 2, nameof(row.HistoryTime));
        Indices(row.Query, _arch.QueryVocabulary, nameof(row.Query));
        for (int j = 0; j < row.Profile.Length; j++)
            Indices([row.Profile[j]], _arch.ProfileVocabularies[j], $"Profile[{j}]");
        Indices([row.Item], _arch.ItemVocabulary, nameof(row.Item));
        Indices([row.Shop], _arch.ShopVocabulary, nameof(row.Shop));
        Indices([row.Brand], _arch.BrandVocabulary, nameof(row.Brand));
        Indices([row.Category], _arch.CategoryVocabulary, nameof(row.Category));
        Indices(row.ItemTags, _arch.TagVocabulary, nameof(row.ItemTags));
        Indices([row.Talent], _arch.TalentVocabulary, nameof(row.Talent));
        Indices(row.TalentTags, _arch.TalentTagVocabulary, nameof(row.TalentTags));
        Indices([row.TargetShop], _arch.ShopVocabulary, nameof(row.TargetShop));
        for (int s = 0; s < length; s++)
            if (row.HistoryItem[s] == 0)
                throw new ArgumentException($"Row {r} (user '{row.UserId}'): behaviour {s} has item index 0 (padding); a real behaviour needs a non-zero index (1 = unknown).");
    }
}
