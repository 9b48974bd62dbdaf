namespace Dupn.MLNet.Embedding;

/// <summary>
/// Input and output names of the exported DUPN graphs. They mirror Dupn.MLNet.Export's
/// DupnOnnxNames (this project may not reference Export: scoring must not need the exporter); the
/// Transforms tests export real graphs and so pin the two lists together.
/// </summary>
internal static class DupnGraphNames
{
    public const string HistItem = "hist_item";
    public const string HistShop = "hist_shop";
    public const string HistBrand = "hist_brand";
    public const string HistCategory = "hist_category";
    public const string HistTags = "hist_tags";
    public const string HistType = "hist_type";
    public const string HistScene = "hist_scene";
    public const string HistTime = "hist_time";
    public const string HistMask = "hist_mask";
    public const string Query = "query";
    public const string Profile = "profile";

    public const string UserEmbedding = "user_embedding";
    public const string Item = "item";
    public const string Shop = "shop";
    public const string Brand = "brand";
    public const string Category = "category";
    public const string ItemTags = "item_tags";
    public const string RankingFeatures = "ranking_features";
    public const string Talent = "talent";
    public const string TalentTags = "talent_tags";
    public const string TargetShop = "target_shop";

    public const string Attention = "attention";
    public const string PppProbs = "ppp_probs";
    public const string Ctr = "ctr";
    public const string L2r = "l2r";
    public const string Follow = "follow";
    public const string ShopPref = "shop_pref";

    /// <summary>Metadata key of the architecture JSON (its MaxHistory gives N).</summary>
    public const string MetaArchitecture = "dupn.architecture";
    public const string MetaGraph = "dupn.graph";
    /// <summary>Metadata key of the graph format version (refused when newer than <see cref="SupportedFormatVersion"/>).</summary>
    public const string MetaFormatVersion = "dupn.format_version";
    public const string MetaLibraryVersion = "dupn.library_version";
    /// <summary>Metadata key of the SHA-256 of the model without this entry (see <c>DupnOnnxNames.MetaSha256</c>).</summary>
    public const string MetaSha256 = "dupn.sha256";
    /// <summary>The newest graph format this library reads.</summary>
    public const int SupportedFormatVersion = 1;
}
