
namespace Dupn.MLNet.Export.Tests.Reference;

/// <summary>
/// A state dict with every tensor docs/network.md names for an architecture, filled with seeded
/// random values (embedding row 0, the padding row, kept at zero as the trainer keeps it).
/// </summary>
internal static class RandomStateDict
{
    public static StateDict Create(DupnArchitecture a, int seed)
    {
        var rng = new Random(seed);
        var sd = new StateDict();
        void Table(string name, int rows, int dim)
        {
            var v = new float[rows * dim];
            for (int i = dim; i < v.Length; i++)
                v[i] = (float)(rng.NextDouble() * 2 - 1);
            sd.Add(name, [rows, dim], v);
        }
        void Tensor(string name, int[] shape, double scale)
        {
            var v = new float[shape.Aggregate(1, (x, y) => x * y)];
            for (int i = 0; i < v.Length; i++)
                v[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
            sd.Add(name, shape, v);
        }
        void Linear(string prefix, int input, int output)
        {
            double scale = 1.5 / Math.Sqrt(input);
            Tensor(prefix + ".weight", [output, input], scale);
            Tensor(prefix + ".bias", [output], scale);
        }

        Table("embeddings.item.weight", a.ItemVocabulary + 2, a.ItemDim);
        Table("embeddings.shop.weight", a.ShopVocabulary + 2, a.ShopDim);
        Table("embeddings.brand.weight", a.BrandVocabulary + 2, a.BrandDim);
        Table("embeddings.category.weight", a.CategoryVocabulary + 2, a.CategoryDim);
        Table("embeddings.tag.weight", a.TagVocabulary + 2, a.TagDim);
        Table("embeddings.scene.weight", a.SceneVocabulary + 2, a.SceneDim);
        Table("embeddings.time.weight", a.TimeBuckets, a.TimeDim);
        Table("embeddings.type.weight", a.TypeVocabulary + 2, a.TypeDim);
        Table("embeddings.query.weight", a.QueryVocabulary + 2, a.QueryDim);
        for (int j = 0; j < a.ProfileVocabularies.Count; j++)
            Table($"embeddings.profile{j}.weight", a.ProfileVocabularies[j] + 2, a.ProfileDim);
        Tensor("embeddings.profile_bias", [a.ProfileDim], 0.5);
        Table("embeddings.talent.weight", a.TalentVocabulary + 2, a.TalentDim);
        Table("embeddings.talent_tag.weight", a.TalentTagVocabulary + 2, a.TalentDim);
        if (a.CountsTagDim > 0)
            Table("embeddings.counts_tag.weight", a.TagVocabulary + 2, a.CountsTagDim);

        int h = a.Hidden;
        double lstmScale = 1.0 / Math.Sqrt(h);
        Tensor("lstm.weight_e", [4 * h, a.ItemFeatureDim], lstmScale);
        if (a.Variant.PropertyInLstm())
            Tensor("lstm.weight_p", [3 * h, a.PropertyDim], lstmScale);
        Tensor("lstm.weight_h", [4 * h, h], lstmScale);
        Tensor("lstm.bias", [4 * h], lstmScale);

        int attentionIn = a.QueryDim + (a.Variant.PropertyInAttention() ? a.PropertyDim : 0) + h + a.ProfileDim;
        Linear("attention.fc1", attentionIn, a.AttentionHidden1);
        Linear("attention.fc2", a.AttentionHidden1, a.AttentionHidden2);
        Linear("attention.fc3", a.AttentionHidden2, 1);
        if (a.HistoryCountsInRepresentation && a.Variant.UsesProperty())
            Linear("counts.gate", a.PropertyDim, 1);

        int d = a.RepresentationDim;
        if (a.UseBatchNorm)
        {
            Tensor("rep_norm.weight", [d], 1.0);
            Tensor("rep_norm.bias", [d], 0.5);
            Tensor("rep_norm.running_mean", [d], 0.3);
            var variance = new float[d];
            for (int i = 0; i < d; i++)
                variance[i] = (float)(0.2 + rng.NextDouble());
            sd.Add("rep_norm.running_var", [d], variance);
        }

        // With the candidate interaction, fc1 also reads match(rep) * candidate.
        int interaction = a.CandidateInteraction ? 2 : 1;
        void Match(string prefix, int candidateDim)
        {
            if (a.CandidateInteraction)
                Tensor(prefix + ".match.weight", [candidateDim, d], 1.5 / Math.Sqrt(d));
        }
        Linear("item_tower.proj", a.ItemFeatureDim, a.ItemTowerDim);
        if (a.Tasks.Contains(DupnTask.Ctr))
        {
            Match("ctr", a.ItemTowerDim);
            Linear("ctr.fc1", d + interaction * a.ItemTowerDim, a.HeadHidden);
            Linear("ctr.fc2", a.HeadHidden, a.HeadHidden);
            Linear("ctr.out", a.HeadHidden, 1);
        }
        if (a.Tasks.Contains(DupnTask.L2r))
        {
            Linear("l2r.fc1", d, a.HeadHidden);
            Linear("l2r.fc2", a.HeadHidden, a.RankingFeatures + (a.CtrScoreAsRankingFeature ? 1 : 0));
            Tensor("l2r.intercept", [1], 0.5);
        }
        if (a.Tasks.Contains(DupnTask.Ppp))
        {
            Linear("ppp.fc1", a.PppInputDim, a.HeadHidden);
            Linear("ppp.out", a.HeadHidden, a.PppLevels);
            if (a.PppLinearPath)
                Tensor("ppp.linear", [a.PppLevels, a.PppInputDim], 1.5 / Math.Sqrt(a.PppInputDim));
        }
        if (a.Tasks.Contains(DupnTask.Follow))
        {
            Match("follow", 2 * a.TalentDim);
            Linear("follow.fc1", d + interaction * 2 * a.TalentDim, a.HeadHidden);
            Linear("follow.fc2", a.HeadHidden, a.HeadHidden);
            Linear("follow.out", a.HeadHidden, 1);
        }
        if (a.Tasks.Contains(DupnTask.ShopPref))
        {
            Linear("shop_pref.proj", a.ShopDim, a.ShopPrefDim);
            Match("shop_pref", a.ShopPrefDim);
            Linear("shop_pref.fc1", d + interaction * a.ShopPrefDim, a.HeadHidden);
            Linear("shop_pref.fc2", a.HeadHidden, a.ShopPrefDim);
            Linear("shop_pref.out", a.ShopPrefDim, 1);
        }
        return sd;
    }

    /// <summary>
    /// Small vocabularies, the paper's dimensions, two profile columns and every head: ours (the
    /// candidate interaction, signed L2R weights, q and the history's counts in rep) unless asked for the
    /// paper's; the PPP head's linear path where asked for.
    /// </summary>
    public static DupnArchitecture SmallArchitecture(DupnVariant variant = DupnVariant.All, bool batchNorm = true, int profileColumns = 2,
        bool candidateInteraction = true, bool pppLinearPath = false) => new()
    {
        ItemVocabulary = 60,
        ShopVocabulary = 25,
        BrandVocabulary = 20,
        CategoryVocabulary = 12,
        TagVocabulary = 30,
        TypeVocabulary = 4,
        SceneVocabulary = 3,
        QueryVocabulary = 40,
        TalentVocabulary = 10,
        TalentTagVocabulary = 8,
        ProfileVocabularies = Enumerable.Range(0, profileColumns).Select(j => 5 + 3 * j).ToArray(),
        RankingFeatures = 26,
        Variant = variant,
        UseBatchNorm = batchNorm,
        CandidateInteraction = candidateInteraction,
        SignedL2rWeights = candidateInteraction,
        QueryInRepresentation = candidateInteraction,
        HistoryCountsInRepresentation = candidateInteraction,
        CtrScoreAsRankingFeature = candidateInteraction,
        PppReadsProfileAndCounts = candidateInteraction,
        PppLinearPath = pppLinearPath,
        Tasks = [DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow, DupnTask.ShopPref],
    };
}
