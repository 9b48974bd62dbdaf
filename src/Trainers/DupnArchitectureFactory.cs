using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers;

/// <summary>The architecture a fitted featuriser implies: vocabulary sizes and sequence shape copied one to one.</summary>
public static class DupnArchitectureFactory
{
    /// <summary>
    /// The paper's dimensions (or <paramref name="options"/>' <see cref="DupnModelTrainingOptions.Dimensions"/>) with <paramref name="featurizer"/>'s vocabularies, N, K, Q and m, for
    /// <paramref name="tasks"/>, shaped by <paramref name="options"/>' variant and head choices (its
    /// defaults when null). A choice that needs a head the tasks lack (the CTR score in L2R, PPP on [u ; c])
    /// is left off rather than refused, so one set of options serves single-task runs too.
    /// </summary>
    public static DupnArchitecture FromFeaturizer(BehaviorFeaturizer featurizer, IReadOnlyList<DupnTask> tasks, DupnModelTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(tasks);
        options ??= new DupnModelTrainingOptions();
        var implied = featurizer.Architecture;
        var architecture = implied with
        {
            RankingFeatures = tasks.Contains(DupnTask.L2r) ? implied.RankingFeatures : 0,
            Variant = options.Variant,
            UseBatchNorm = options.UseBatchNorm,
            CandidateInteraction = options.CandidateInteraction,
            SignedL2rWeights = options.SignedL2rWeights,
            QueryInRepresentation = options.QueryInRepresentation,
            HistoryCountsInRepresentation = options.HistoryCountsInRepresentation,
            // Only where both heads are trained: a single-task L2R run has no CTR score to read.
            CtrScoreAsRankingFeature = options.CtrScoreAsRankingFeature && tasks.Contains(DupnTask.Ctr) && tasks.Contains(DupnTask.L2r),
            // c exists only with the history's counts in rep.
            PppReadsProfileAndCounts = options.PppReadsProfileAndCounts && tasks.Contains(DupnTask.Ppp) && options.HistoryCountsInRepresentation,
            PppLinearPath = options.PppLinearPath && tasks.Contains(DupnTask.Ppp),
            ShopPrefReadsHistoryMatches = options.ShopPrefReadsHistoryMatches && tasks.Contains(DupnTask.ShopPref),
            Tasks = tasks.ToArray(),
        };
        if (tasks.Contains(DupnTask.L2r) && implied.RankingFeatures == 0)
            throw new ArgumentException("The L2R task needs ranking features, but the featuriser saw no l2r training rows.");
        architecture = options.Dimensions.ApplyTo(architecture);
        architecture.Validate();
        return architecture;
    }
}
