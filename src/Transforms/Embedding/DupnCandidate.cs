using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>One candidate for the item heads: the fields the items graph reads (indices as in docs/network.md).</summary>
public sealed class DupnCandidate
{
    public int Item { get; init; }
    public int Shop { get; init; }
    public int Brand { get; init; }
    public int Category { get; init; }
    /// <summary>K tag indices, 0-padded (fewer than K are padded here).</summary>
    public int[] ItemTags { get; init; } = [];
    /// <summary>m L2R ranking features (read when the model has the L2R head).</summary>
    public float[] RankingFeatures { get; init; } = [];
    public int Talent { get; init; }
    public int[] TalentTags { get; init; } = [];
    public int TargetShop { get; init; }

    /// <summary>The candidate fields of a featurised task row.</summary>
    public static DupnCandidate FromRow(FeaturizedRow row) => new()
    {
        Item = row.Item, Shop = row.Shop, Brand = row.Brand, Category = row.Category, ItemTags = row.ItemTags,
        RankingFeatures = row.RankingFeatures, Talent = row.Talent, TalentTags = row.TalentTags, TargetShop = row.TargetShop,
    };
}
