namespace Dupn.MLNet.Transforms.Featurization;

public sealed partial class BehaviorFeaturizer
{
    /// <summary>
    /// The same vocabularies (so the same indices) with another N, the number of most recent
    /// behaviours a history keeps. Candidate columns, for example, read a longer history than the
    /// network was trained on (the user graph's history dimension is dynamic, its weights per step).
    /// </summary>
    public BehaviorFeaturizer WithMaxHistory(int maxHistory)
    {
        var options = new BehaviorFeaturizerOptions
        {
            MaxHistory = maxHistory,
            TagsPerBehavior = Options.TagsPerBehavior,
            QueryTokens = Options.QueryTokens,
            MinCount = Options.MinCount,
            HashBuckets = Options.HashBuckets,
            TimeGapBoundsSeconds = [.. Options.TimeGapBoundsSeconds],
        };
        options.Validate();
        return new BehaviorFeaturizer(options, Item, Shop, Brand, Category, Tag, Type, Scene, Query, Talent, TalentTag,
            ProfileColumns, Profiles, RankingFeatures);
    }
}
