using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// A shop-preference request for candidate-aware columns (issue #31): the padded history (the
/// columns <c>DupnUserEmbedding</c> reads), the candidate shop as its vocabulary index
/// (<see cref="TargetShop"/>, what <c>DupnCandidateColumns</c> reads), its text and the label.
/// </summary>
public sealed class DupnShopCandidateRow
{
    public string UserId { get; set; } = "";
    public int[] HistoryItem { get; set; } = [];
    public int[] HistoryShop { get; set; } = [];
    public int[] HistoryBrand { get; set; } = [];
    public int[] HistoryCategory { get; set; } = [];
    public int[] HistoryTags { get; set; } = [];
    public int[] HistoryType { get; set; } = [];
    public int[] HistoryScene { get; set; } = [];
    public int[] HistoryTime { get; set; } = [];
    public float[] HistoryMask { get; set; } = [];
    public int[] Query { get; set; } = [];
    public int[] Profile { get; set; } = [];

    /// <summary>The candidate shop's index in the model's shop vocabulary (1 when unknown).</summary>
    public int TargetShop { get; set; }

    /// <summary>The candidate shop as text (for one-hot encodings).</summary>
    public string Shop { get; set; } = "";

    public bool Label { get; set; }

    /// <summary>The rows as an IDataView with the featuriser's sizes (N, K, Q, P).</summary>
    public static IDataView Load(MLContext mlContext, BehaviorFeaturizer featurizer, IEnumerable<FeaturizedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(rows);
        return mlContext.Data.LoadFromEnumerable(rows.Select((row, i) => From(featurizer, row, i)), Schema(featurizer));
    }

    /// <summary>The schema with the featuriser's vector sizes (pass it to CreatePredictionEngine too).</summary>
    public static SchemaDefinition Schema(BehaviorFeaturizer featurizer)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        var o = featurizer.Options;
        return DupnPaddedColumns.Size(SchemaDefinition.Create(typeof(DupnShopCandidateRow)), o.MaxHistory, o.TagsPerBehavior, o.QueryTokens, featurizer.ProfileColumns.Count);
    }

    /// <summary>One featurised SHOP_PREF row, padded to the featuriser's N.</summary>
    public static DupnShopCandidateRow From(BehaviorFeaturizer featurizer, FeaturizedRow row, int index)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(row);
        var o = featurizer.Options;
        var p = DupnPaddedRows.Pad(row, index, o.MaxHistory, o.TagsPerBehavior, o.QueryTokens, featurizer.ProfileColumns.Count);
        return new DupnShopCandidateRow
        {
            UserId = p.UserId, HistoryItem = p.HistoryItem, HistoryShop = p.HistoryShop, HistoryBrand = p.HistoryBrand,
            HistoryCategory = p.HistoryCategory, HistoryTags = p.HistoryTags, HistoryType = p.HistoryType,
            HistoryScene = p.HistoryScene, HistoryTime = p.HistoryTime, HistoryMask = p.HistoryMask, Query = p.Query, Profile = p.Profile,
            TargetShop = row.TargetShop, Shop = featurizer.Shop.IdAt(row.TargetShop) ?? "(unknown)", Label = row.Label > 0.5f,
        };
    }
}
