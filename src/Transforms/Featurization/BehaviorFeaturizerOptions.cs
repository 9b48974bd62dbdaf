namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>Options of <see cref="BehaviorFeaturizer"/> (defaults follow docs/network.md and the paper).</summary>
public sealed class BehaviorFeaturizerOptions
{
    /// <summary>N: the most recent behaviours kept per row (default 100).</summary>
    public int MaxHistory { get; set; } = 100;

    /// <summary>K: tags kept per behaviour, candidate item and talent (default 4), 0-padded.</summary>
    public int TagsPerBehavior { get; set; } = 4;

    /// <summary>Q: query tokens kept (default 8), 0-padded.</summary>
    public int QueryTokens { get; set; } = 8;

    /// <summary>Ids seen fewer times than this in the training data share the OOV index 1 (default 1: keep every id seen).</summary>
    public int MinCount { get; set; } = 1;

    /// <summary>
    /// When positive, the item, shop and brand fields (the huge id spaces) are hashed into this many
    /// buckets instead of learning a vocabulary (default 0: off).
    /// </summary>
    public int HashBuckets { get; set; }

    /// <summary>Time-gap bucket bounds in seconds (default: the paper's 1 min, 5 min, 30 min, 1 h, 1 day, 1 week).</summary>
    public long[] TimeGapBoundsSeconds { get; set; } = [.. TimeGapBuckets.DefaultBoundsSeconds];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (MaxHistory <= 0)
            throw new ArgumentException($"BehaviorFeaturizerOptions.MaxHistory must be positive; it is {MaxHistory}.");
        if (TagsPerBehavior <= 0)
            throw new ArgumentException($"BehaviorFeaturizerOptions.TagsPerBehavior must be positive; it is {TagsPerBehavior}.");
        if (QueryTokens <= 0)
            throw new ArgumentException($"BehaviorFeaturizerOptions.QueryTokens must be positive; it is {QueryTokens}.");
        if (MinCount < 1)
            throw new ArgumentException($"BehaviorFeaturizerOptions.MinCount must be at least 1; it is {MinCount}.");
        if (HashBuckets < 0)
            throw new ArgumentException($"BehaviorFeaturizerOptions.HashBuckets must not be negative; it is {HashBuckets}.");
        _ = new TimeGapBuckets(TimeGapBoundsSeconds);
    }
}
