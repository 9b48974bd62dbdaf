namespace Dupn.MLNet;

/// <summary>
/// The input and output names of the exported graphs, their symbolic dimensions and metadata keys:
/// the one list the exporter writes and the scoring transforms read. Shapes (B =
/// batch, T = history length, both dynamic; K, Q, P, m fixed by the architecture):
/// history fields int64 [B,T], <c>hist_tags</c> int64 [B,T,K], <c>hist_mask</c> float [B,T] (a
/// prefix of ones: sequences are left-aligned), <c>query</c> int64 [B,Q], <c>profile</c> int64 [B,P];
/// candidate fields int64 [B], tags [B,K], <c>ranking_features</c> float [B,m]; outputs
/// <c>user_embedding</c> [B,d] (d = 256, 320 with q in rep, 364 with q and the history's counts), <c>attention</c> [B,T], <c>ppp_probs</c> [B,7], item scores [B].
/// </summary>
public static class DupnGraphNames
{
    // ---- user graph inputs ----
    public const string HistItem = "hist_item";
    public const string HistShop = "hist_shop";
    public const string HistBrand = "hist_brand";
    public const string HistCategory = "hist_category";
    public const string HistTags = "hist_tags";
    /// <summary>Behaviour type; absent from the graph in the nobp variant (no property anywhere).</summary>
    public const string HistType = "hist_type";
    /// <summary>Behaviour scene; absent in the nobp variant.</summary>
    public const string HistScene = "hist_scene";
    /// <summary>Time-gap bucket; absent in the nobp variant.</summary>
    public const string HistTime = "hist_time";
    public const string HistMask = "hist_mask";
    public const string Query = "query";
    /// <summary>Profile indices; absent when the architecture has no profile column.</summary>
    public const string Profile = "profile";

    // ---- items graph inputs ----
    /// <summary>Input of the items graph: [U,d] (d = RepresentationDim) where U is 1 (one user for all candidates) or B.</summary>
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

    // ---- outputs ----
    /// <summary>Output of the user and full graphs: rep = [rep_s ; u] (then q and c when the architecture has them) after rep_norm, [B,RepresentationDim].</summary>
    public const string UserEmbeddingOutput = "user_embedding";
    /// <summary>Attention weights a_t over the history, [B,T]; 0 on padding, all 0 for an empty history.</summary>
    public const string Attention = "attention";
    /// <summary>PPP level probabilities (softmax), [B,7].</summary>
    public const string PppProbs = "ppp_probs";
    /// <summary>CTR probability (sigmoid), [B].</summary>
    public const string Ctr = "ctr";
    /// <summary>L2R score w(rep) . r + intercept (a logit), [B].</summary>
    public const string L2r = "l2r";
    /// <summary>FOLLOW probability (sigmoid), [B].</summary>
    public const string Follow = "follow";
    /// <summary>SHOP_PREF probability (sigmoid), [B].</summary>
    public const string ShopPref = "shop_pref";
    /// <summary>
    /// Output of the candidate-columns graph, float [B,4]: the property-gated and plain
    /// counts of history behaviours in the candidate shop (input <see cref="TargetShop"/>, [B,1]) and in
    /// the category it sells, in the order of <see cref="CandidateColumnNames"/>.
    /// </summary>
    public const string CandidateColumns = "candidate_columns";
    /// <summary>The columns of <see cref="CandidateColumns"/>, in order.</summary>
    public static readonly string[] CandidateColumnNames = ["g_shop", "g_cat", "n_shop", "n_cat"];

    // ---- symbolic dimensions ----
    public const string BatchDim = "batch";
    public const string HistoryDim = "history";
    /// <summary>Rows of <c>user_embedding</c> fed to the items graph: 1 or equal to the batch.</summary>
    public const string UserBatchDim = "user_batch";

    // ---- model metadata keys (ModelProto.metadata_props) ----
    public const string MetaFormatVersion = "dupn.format_version";
    public const string MetaLibraryVersion = "dupn.library_version";
    public const string MetaArchitecture = "dupn.architecture";
    public const string MetaGraph = "dupn.graph";
    /// <summary>
    /// SHA-256 (lowercase hex) of the serialized model without this entry; it is the last metadata
    /// entry, so a reader removes its bytes and hashes the rest. Catches truncated and bit-flipped files,
    /// which ONNX itself does not (a flipped weight still parses and gives wrong scores).
    /// </summary>
    public const string MetaSha256 = "dupn.sha256";

    /// <summary>The newest graph format this library reads (a newer <see cref="MetaFormatVersion"/> is refused).</summary>
    public const int SupportedFormatVersion = 1;
}
