using Dupn.MLNet.Export.Model;
using Dupn.MLNet.Featurization;

namespace Dupn.MLNet.Trainers.Model;

/// <summary>The architecture a fitted featuriser implies: vocabulary sizes and sequence shape copied one to one.</summary>
public static class DupnArchitectureFactory
{
    /// <summary>
    /// The paper's dimensions with <paramref name="featurizer"/>'s vocabularies, N, K, Q and m, for
    /// <paramref name="tasks"/> in <paramref name="variant"/>.
    /// </summary>
    public static DupnArchitecture FromFeaturizer(BehaviorFeaturizer featurizer, IReadOnlyList<DupnTask> tasks,
        DupnVariant variant = DupnVariant.All, bool useBatchNorm = false, bool candidateInteraction = false, bool signedL2rWeights = false,
        bool queryInRepresentation = false, bool historyCountsInRepresentation = false, bool ctrScoreAsRankingFeature = false)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        VocabularySizes sizes = featurizer.Sizes;
        var architecture = new DupnArchitecture
        {
            ItemVocabulary = sizes.ItemVocabulary,
            ShopVocabulary = sizes.ShopVocabulary,
            BrandVocabulary = sizes.BrandVocabulary,
            CategoryVocabulary = sizes.CategoryVocabulary,
            TagVocabulary = sizes.TagVocabulary,
            TypeVocabulary = sizes.TypeVocabulary,
            SceneVocabulary = sizes.SceneVocabulary,
            QueryVocabulary = sizes.QueryVocabulary,
            TalentVocabulary = sizes.TalentVocabulary,
            TalentTagVocabulary = sizes.TalentTagVocabulary,
            ProfileVocabularies = sizes.ProfileVocabularies.ToArray(),
            TimeBuckets = sizes.TimeBuckets,
            RankingFeatures = tasks.Contains(DupnTask.L2r) ? sizes.RankingFeatures : 0,
            MaxHistory = sizes.MaxHistory,
            TagsPerBehavior = sizes.TagsPerBehavior,
            QueryTokens = sizes.QueryTokens,
            Variant = variant,
            UseBatchNorm = useBatchNorm,
            CandidateInteraction = candidateInteraction,
            SignedL2rWeights = signedL2rWeights,
            QueryInRepresentation = queryInRepresentation,
            HistoryCountsInRepresentation = historyCountsInRepresentation,
            // Only where both heads are trained: a single-task L2R run has no CTR score to read.
            CtrScoreAsRankingFeature = ctrScoreAsRankingFeature && tasks.Contains(DupnTask.Ctr) && tasks.Contains(DupnTask.L2r),
            Tasks = tasks.ToArray(),
        };
        if (tasks.Contains(DupnTask.L2r) && sizes.RankingFeatures == 0)
            throw new ArgumentException("The L2R task needs ranking features, but the featuriser saw no l2r training rows.");
        architecture.Validate();
        return architecture;
    }
}
