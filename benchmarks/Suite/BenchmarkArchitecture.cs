using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Benchmarks;

/// <summary>DUPN-all at the paper's dimensions over a fitted featurizer's vocabularies.</summary>
public static class BenchmarkArchitecture
{
    /// <summary>
    /// The architecture for <paramref name="featurizer"/>'s sizes: paper dimensions, variant All,
    /// heads ctr, l2r (when the data has ranking features), ppp and follow.
    /// </summary>
    public static DupnArchitecture For(BehaviorFeaturizer featurizer)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        var s = featurizer.Architecture;
        var tasks = new List<DupnTask> { DupnTask.Ctr };
        if (s.RankingFeatures > 0)
            tasks.Add(DupnTask.L2r);
        tasks.Add(DupnTask.Ppp);
        tasks.Add(DupnTask.Follow);
        return new DupnArchitecture
        {
            ItemVocabulary = s.ItemVocabulary, ShopVocabulary = s.ShopVocabulary, BrandVocabulary = s.BrandVocabulary,
            CategoryVocabulary = s.CategoryVocabulary, TagVocabulary = s.TagVocabulary, TypeVocabulary = s.TypeVocabulary,
            SceneVocabulary = s.SceneVocabulary, QueryVocabulary = s.QueryVocabulary, TalentVocabulary = s.TalentVocabulary,
            TalentTagVocabulary = s.TalentTagVocabulary, ProfileVocabularies = s.ProfileVocabularies, TimeBuckets = s.TimeBuckets,
            RankingFeatures = s.RankingFeatures, MaxHistory = s.MaxHistory, TagsPerBehavior = s.TagsPerBehavior,
            QueryTokens = s.QueryTokens, Variant = DupnVariant.All, Tasks = tasks,
        };
    }
}
