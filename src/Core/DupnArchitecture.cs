using System.Text.Json.Serialization;

namespace Dupn.MLNet;

/// <summary>
/// Everything that fixes the shape of a DUPN network, as plain data: vocabulary sizes, dimensions
/// (defaults are the paper's; see docs/network.md), the variant and the heads. The trainer
/// builds its TorchSharp modules from it and the exporter its ONNX graphs, so both agree.
/// </summary>
public sealed record DupnArchitecture
{
    // ---- vocabulary sizes V (without the two reserved rows: padding 0 and out-of-vocabulary 1) ----
    public int ItemVocabulary { get; init; }
    public int ShopVocabulary { get; init; }
    public int BrandVocabulary { get; init; }
    public int CategoryVocabulary { get; init; }
    public int TagVocabulary { get; init; }
    public int TypeVocabulary { get; init; }
    public int SceneVocabulary { get; init; }
    public int QueryVocabulary { get; init; }
    public int TalentVocabulary { get; init; }
    public int TalentTagVocabulary { get; init; }

    /// <summary>Vocabulary size of each user-profile column (empty: no profile).</summary>
    public IReadOnlyList<int> ProfileVocabularies { get; init; } = [];

    /// <summary>Rows of the time-gap table (padding, unknown, then the buckets): 9 for the paper's 7 buckets.</summary>
    public int TimeBuckets { get; init; } = 9;

    // ---- dimensions (the paper's) ----
    public int ItemDim { get; init; } = 32;
    public int ShopDim { get; init; } = 24;
    public int BrandDim { get; init; } = 24;
    public int CategoryDim { get; init; } = 16;
    public int TagDim { get; init; } = 28;
    public int SceneDim { get; init; } = 16;
    public int TimeDim { get; init; } = 16;
    public int TypeDim { get; init; } = 16;
    /// <summary>Query embedding size (the paper does not give it; ours).</summary>
    public int QueryDim { get; init; } = 64;
    /// <summary>User-profile embedding u; rep = [rep_s ; u].</summary>
    public int ProfileDim { get; init; } = 128;
    public int Hidden { get; init; } = 128;
    public int AttentionHidden1 { get; init; } = 128;
    public int AttentionHidden2 { get; init; } = 64;
    /// <summary>Candidate-item embedding fed to the CTR head.</summary>
    public int ItemTowerDim { get; init; } = 128;
    /// <summary>Talent id and talent-tag embeddings; the talent embedding is their concatenation.</summary>
    public int TalentDim { get; init; } = 64;
    public int ShopPrefDim { get; init; } = 64;
    public int HeadHidden { get; init; } = 128;
    public int PppLevels { get; init; } = 7;
    /// <summary>m, the number of L2R ranking features per item (26 in the paper; 0 when there is no L2R task).</summary>
    public int RankingFeatures { get; init; }

    // ---- sequence shape ----
    /// <summary>N, the most recent behaviours kept.</summary>
    public int MaxHistory { get; init; } = 100;
    /// <summary>K, tags kept per behaviour (and per candidate item or talent).</summary>
    public int TagsPerBehavior { get; init; } = 4;
    /// <summary>Q, query tokens kept.</summary>
    public int QueryTokens { get; init; } = 8;

    // ---- structure ----
    public DupnVariant Variant { get; init; } = DupnVariant.All;
    /// <summary>Batch normalisation on rep (running statistics at inference).</summary>
    public bool UseBatchNorm { get; init; }
    /// <summary>
    /// Ours, not the paper's (false = the paper's heads exactly): the heads that compare rep with a
    /// candidate (CTR, FOLLOW, SHOP_PREF) also get <c>match(rep) * candidate</c>, the element-wise product
    /// of a bias-free projection of rep (<c>{head}.match</c>) with the candidate's embedding, so fc1 sees
    /// [rep ; candidate ; match(rep) * candidate]. A concatenation MLP must otherwise learn "does the
    /// candidate agree with the user" as a multiplication from data, which it does slowly (measured on the
    /// generator's 2,000 users: CTR AUC 0.55 after 2 epochs with the paper's heads).
    /// </summary>
    public bool CandidateInteraction { get; init; }
    /// <summary>
    /// Ours, not the paper's (false = the paper's SHOP_PREF head on [rep ; shop]): the SHOP_PREF head also
    /// reads how the user's history meets the candidate shop, the four columns
    /// log(1 + [sum_t g_t [shop_t = s] ; sum_t g_t [category_t = category(s)] ; the same two ungated]), with
    /// g_t the property gate of the history counts (<c>counts.gate</c>; 1 without it) and category(s) the
    /// category the shop sells (the buffer <c>shop_pref_matches.shop_category</c>, learned from the training
    /// histories). Store preference is a (user, candidate) question: rep is computed without the candidate,
    /// and an MLP on [rep ; shop embedding] must learn "the user touched this shop's goods" from a few
    /// thousand rows, which it does not (measured: FT AUC 0.53 on the demo's data against 0.81 for a
    /// hand-written count). The gate is the pre-trained network's, so FT starts from what the
    /// network learned about which behaviours count. The head needs the history per candidate, so the
    /// ONNX items and full graphs refuse it; shop preference is served by the candidate-columns graph
    /// (the same sums, <see cref="DupnGraphNames.CandidateColumns"/>) and an ML.NET learner.
    /// </summary>
    public bool ShopPrefReadsHistoryMatches { get; init; }
    /// <summary>The history-match columns the SHOP_PREF head reads with <see cref="ShopPrefReadsHistoryMatches"/>.</summary>
    public const int ShopPrefMatchColumns = 4;
    /// <summary>
    /// Ours, not the paper's (false = the paper's L2R head exactly): the L2R weights
    /// w(rep) = <c>l2r.fc2</c>(...) are used as they are, without the paper's final ReLU, so a weight may be
    /// negative. With w &gt;= 0 the score cannot weigh a ranking feature against the user: a dense code
    /// such as the generator's 8-number category vector is matched to the user's current category only
    /// by weights of both signs (measured on 5,000 generated users, 3 epochs: L2R AUC 0.665 with the ReLU,
    /// 0.698 without; EXPERIMENTS.md).
    /// </summary>
    public bool SignedL2rWeights { get; init; }
    /// <summary>
    /// Ours, not the paper's (false = the paper's rep = [rep_s ; u] exactly): rep also carries the query
    /// embedding, rep = [rep_s ; u ; q]. In the paper q reaches rep only through the attention weights,
    /// so a query that names what the user wants now (a category, a style) helps the heads only when the
    /// history holds items that match it. The query is known once per request, like the rest of the user
    /// part, so the user/item split (docs/paper.md 7.2) is unchanged. Measured on 5,000 generated users, all four
    /// tasks, 3 epochs: CTR AUC 0.710 -> 0.749, L2R 0.698 -> 0.711, FOLLOW 0.517 -> 0.537, PPP 89.1 -> 89.4 %
    /// (EXPERIMENTS.md).
    /// </summary>
    public bool QueryInRepresentation { get; init; }
    /// <summary>
    /// Ours, not the paper's (false = the paper's rep): rep also carries the history's counts,
    /// c = sum over the valid steps of g_t [category_t ; tags_t] with the gate g_t = sigmoid(<c>counts.gate</c>(p_t))
    /// (1 for every step in the nobp variant, which has no property). Attention pools a weighted mean of
    /// the LSTM states; a mean forgets how many behaviours agree, and the LSTM state carries a step's tags
    /// only mixed with everything before it. The generator's purchasing power and style show in how many
    /// buys and carts carry a price or style tag, which c gives the heads directly, with the property deciding how much each behaviour counts. Only the category and
    /// the tags are counted: they are shared across items, so the counts generalise where item, shop and
    /// brand ids would be memorised. Known once per user, so the user/item split is unchanged. Measured on
    /// 5,000 generated users, all four tasks, 3 epochs: FOLLOW AUC 0.537 -> 0.636, PPP 89.4 -> 91.1 %,
    /// CTR and L2R level; on 20,000: FOLLOW 0.653 -> 0.721, CTR 0.782 -> 0.776 (EXPERIMENTS.md).
    /// </summary>
    public bool HistoryCountsInRepresentation { get; init; }
    /// <summary>
    /// Ours (0 = c counts the LSTM's pooled tag embedding, <see cref="TagDim"/> wide): the width of a tag
    /// table of c's own (<c>embeddings.counts_tag</c>), used only by <see cref="HistoryCountsInRepresentation"/>.
    /// With one table, the tag embedding serves both the LSTM (what a behaviour is about) and the counts
    /// (how many behaviours carry each tag). Measured on 20,000 generated users (all four tasks, 3 epochs,
    /// seed 1, 64 wide): PPP 94.06 -> 94.20 % (log loss 0.1533 -> 0.1500), FOLLOW AUC 0.724 -> 0.736, CTR
    /// and L2R level; small and within noise, so off by default (EXPERIMENTS.md, PPP section). Needs
    /// <see cref="HistoryCountsInRepresentation"/>.
    /// </summary>
    public int CountsTagDim { get; init; }
    /// <summary>
    /// Ours, not the paper's (false = the paper's ranking features): the L2R score also weighs the CTR
    /// head's logit for the candidate as one more ranking feature, r' = [r ; s_ctr], so w(rep) has m + 1
    /// entries. A search engine's ranker reads its predicted CTR as a feature; here it gives the L2R head
    /// the candidate, whose category the paper's head sees only through the dense ranking features (a
    /// score linear in r cannot say "the candidate is in the user's current category"). s_ctr is
    /// detached in training: L2R's gradient does not reach the CTR head or, through it, rep. Needs both
    /// the CTR and the L2R head. Measured on generated users, all four tasks, 3 epochs: L2R AUC 0.710 -> 0.732
    /// on 5,000 users (seeds 1 and 2), 0.732 -> 0.749 on 20,000 (seed 1; LightGbm 0.745) (EXPERIMENTS.md).
    /// </summary>
    public bool CtrScoreAsRankingFeature { get; init; }
    /// <summary>
    /// Ours, not the paper's (false = the paper's PPP head on the whole rep): the PPP head reads only the
    /// lasting part of rep, [u ; c], the profile and the history's counts, and not rep_s or q, the parts
    /// that the request's query steers. A user's purchasing power does not change with what they search
    /// for; reading the query and the query-conditioned pooling lets the head fit the request instead of
    /// the user, which it does on the few PPP rows (one per user). Needs the PPP head and
    /// <see cref="HistoryCountsInRepresentation"/>. rep, the user embedding, is unchanged; only the head's
    /// input is a slice of it (<see cref="PppInputRanges"/>). Measured on 5,000 generated users, all four
    /// tasks, 3 epochs, seeds 1 and 2: CTR AUC +0.3 and +0.4 points, L2R +0.5 and +0.3, FOLLOW +1.0 and +0.2,
    /// PPP +0.5 and -0.1 (EXPERIMENTS.md).
    /// </summary>
    public bool PppReadsProfileAndCounts { get; init; }
    /// <summary>
    /// Ours, not the paper's (false = the paper's MLP): the PPP head's logits add a bias-free linear map
    /// of its input to the MLP's, out(relu(fc1(x))) + x W^T, W = <c>ppp.linear</c> [levels, input],
    /// zero at the start. The Bayes posterior of a purchasing-power level is a softmax linear in the
    /// history's price counts; PPP's training rows come earlier in each user's log than its test rows
    /// (shorter windows), and a linear map carries the counts' evidence to fuller windows as it grows,
    /// where the ReLU MLP extrapolates as its units happen to bend (the reason it was tried; measured,
    /// 50,000 generated users, two seeds paired with the default: PPP 94.64 -> 94.73 % and 94.66 ->
    /// 94.65 %, log loss a little lower on both, EXPERIMENTS.md). Needs the PPP head.
    /// </summary>
    public bool PppLinearPath { get; init; }
    /// <summary>The heads the network carries.</summary>
    public IReadOnlyList<DupnTask> Tasks { get; init; } = [DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow];

    /// <summary>e_t: item ++ shop ++ brand ++ category ++ pooled tags (124 by default).</summary>
    [JsonIgnore]
    public int ItemFeatureDim => ItemDim + ShopDim + BrandDim + CategoryDim + TagDim;

    /// <summary>p_t: scene ++ time ++ type (48 by default).</summary>
    [JsonIgnore]
    public int PropertyDim => SceneDim + TimeDim + TypeDim;

    /// <summary>
    /// rep = [rep_s ; u] (256 by default), then q with <see cref="QueryInRepresentation"/> (+64) and the
    /// counts c with <see cref="HistoryCountsInRepresentation"/> (+<see cref="HistoryCountsDim"/>).
    /// </summary>
    [JsonIgnore]
    public int RepresentationDim => Hidden + ProfileDim + (QueryInRepresentation ? QueryDim : 0) + (HistoryCountsInRepresentation ? HistoryCountsDim : 0);

    /// <summary>
    /// The column ranges of rep that the PPP head reads, in order: all of rep, or u then c with
    /// <see cref="PppReadsProfileAndCounts"/>. The network, the ONNX user graph and the reference agree through it.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<(int Start, int Width)> PppInputRanges =>
        PppReadsProfileAndCounts
            ? [(Hidden, ProfileDim), (RepresentationDim - HistoryCountsDim, HistoryCountsDim)]
            : [(0, RepresentationDim)];

    /// <summary>Width of the PPP head's input: the sum of <see cref="PppInputRanges"/>'s widths.</summary>
    [JsonIgnore]
    public int PppInputDim => PppInputRanges.Sum(r => r.Width);

    /// <summary>
    /// c: category ++ pooled tags (44 by default), the part of e_t that <see cref="HistoryCountsInRepresentation"/>
    /// counts, or category ++ pooled counts tags with <see cref="CountsTagDim"/>.
    /// </summary>
    [JsonIgnore]
    public int HistoryCountsDim => CategoryDim + (CountsTagDim > 0 ? CountsTagDim : TagDim);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        void Positive(int value, string name)
        {
            if (value <= 0)
                throw new ArgumentException($"DupnArchitecture.{name} must be positive; it is {value}.");
        }
        void NonNegative(int value, string name)
        {
            if (value < 0)
                throw new ArgumentException($"DupnArchitecture.{name} must not be negative; it is {value}.");
        }
        NonNegative(ItemVocabulary, nameof(ItemVocabulary));
        NonNegative(ShopVocabulary, nameof(ShopVocabulary));
        NonNegative(BrandVocabulary, nameof(BrandVocabulary));
        NonNegative(CategoryVocabulary, nameof(CategoryVocabulary));
        NonNegative(TagVocabulary, nameof(TagVocabulary));
        NonNegative(TypeVocabulary, nameof(TypeVocabulary));
        NonNegative(SceneVocabulary, nameof(SceneVocabulary));
        NonNegative(QueryVocabulary, nameof(QueryVocabulary));
        NonNegative(TalentVocabulary, nameof(TalentVocabulary));
        NonNegative(TalentTagVocabulary, nameof(TalentTagVocabulary));
        for (int j = 0; j < ProfileVocabularies.Count; j++)
            NonNegative(ProfileVocabularies[j], $"ProfileVocabularies[{j}]");
        if (TimeBuckets < 3)
            throw new ArgumentException($"DupnArchitecture.TimeBuckets must be at least 3 (padding, unknown, one bucket); it is {TimeBuckets}.");
        Positive(ItemDim, nameof(ItemDim));
        Positive(ShopDim, nameof(ShopDim));
        Positive(BrandDim, nameof(BrandDim));
        Positive(CategoryDim, nameof(CategoryDim));
        Positive(TagDim, nameof(TagDim));
        Positive(SceneDim, nameof(SceneDim));
        Positive(TimeDim, nameof(TimeDim));
        Positive(TypeDim, nameof(TypeDim));
        Positive(QueryDim, nameof(QueryDim));
        Positive(ProfileDim, nameof(ProfileDim));
        Positive(Hidden, nameof(Hidden));
        Positive(AttentionHidden1, nameof(AttentionHidden1));
        Positive(AttentionHidden2, nameof(AttentionHidden2));
        Positive(ItemTowerDim, nameof(ItemTowerDim));
        Positive(TalentDim, nameof(TalentDim));
        Positive(ShopPrefDim, nameof(ShopPrefDim));
        Positive(HeadHidden, nameof(HeadHidden));
        Positive(PppLevels, nameof(PppLevels));
        NonNegative(RankingFeatures, nameof(RankingFeatures));
        NonNegative(CountsTagDim, nameof(CountsTagDim));
        Positive(MaxHistory, nameof(MaxHistory));
        Positive(TagsPerBehavior, nameof(TagsPerBehavior));
        Positive(QueryTokens, nameof(QueryTokens));
        if (Tasks.Contains(DupnTask.L2r) && RankingFeatures == 0)
            throw new ArgumentException("DupnArchitecture.RankingFeatures must be positive when the L2R head is present.");
        if (Tasks.Distinct().Count() != Tasks.Count)
            throw new ArgumentException("DupnArchitecture.Tasks lists a task twice.");
        if (!Enum.IsDefined(Variant))
            throw new ArgumentException($"DupnArchitecture.Variant {(int)Variant} is unknown; expected one of {string.Join(", ", Enum.GetNames<DupnVariant>())}.");
        foreach (var task in Tasks)
            if (!Enum.IsDefined(task))
                throw new ArgumentException($"DupnArchitecture.Tasks holds the unknown task {(int)task}; expected {string.Join(", ", Enum.GetNames<DupnTask>())}.");
        if (CtrScoreAsRankingFeature && !(Tasks.Contains(DupnTask.Ctr) && Tasks.Contains(DupnTask.L2r)))
            throw new ArgumentException("DupnArchitecture.CtrScoreAsRankingFeature needs both the CTR and the L2R head.");
        if (CountsTagDim > 0 && !HistoryCountsInRepresentation)
            throw new ArgumentException($"DupnArchitecture.CountsTagDim ({CountsTagDim}) sizes the tag table of the history's counts and needs HistoryCountsInRepresentation.");
        if (PppReadsProfileAndCounts && !(Tasks.Contains(DupnTask.Ppp) && HistoryCountsInRepresentation))
            throw new ArgumentException("DupnArchitecture.PppReadsProfileAndCounts needs the PPP head and HistoryCountsInRepresentation.");
        if (PppLinearPath && !Tasks.Contains(DupnTask.Ppp))
            throw new ArgumentException("DupnArchitecture.PppLinearPath needs the PPP head.");
    }
}
