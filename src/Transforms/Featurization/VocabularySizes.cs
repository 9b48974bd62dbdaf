namespace Dupn.MLNet.Featurization;

/// <summary>
/// The numbers a fitted featuriser fixes for the network, named exactly like the fields of
/// Dupn.MLNet.Export.Model.DupnArchitecture so the trainer can copy them one to one. Vocabulary sizes
/// are V, without the two reserved rows (the tables have V + 2 rows).
/// </summary>
public sealed record VocabularySizes
{
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
    public IReadOnlyList<int> ProfileVocabularies { get; init; } = [];
    /// <summary>Rows of the time-gap table (padding, unknown, buckets).</summary>
    public int TimeBuckets { get; init; }
    /// <summary>m, L2R ranking features per row (0 without an l2r training file).</summary>
    public int RankingFeatures { get; init; }
    /// <summary>N.</summary>
    public int MaxHistory { get; init; }
    /// <summary>K.</summary>
    public int TagsPerBehavior { get; init; }
    /// <summary>Q.</summary>
    public int QueryTokens { get; init; }
}
