namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// A task row joined with its point-in-time history, as raw strings shaped to N, K and Q: the input row
/// of <c>FeaturizeBehaviorSequence</c> (load with <c>mlContext.Data.LoadBehaviorSequences</c>). Column
/// names equal the output names of the featuriser, which maps them in place to network indices.
/// Padding slots (tags beyond a behaviour's own, query beyond its tokens, fields a task does not have)
/// hold <see cref="Padding"/>; an empty string is a missing value.
/// </summary>
public sealed class BehaviorSequenceRow
{
    /// <summary>The padding token (reserved: an id equal to it is treated as padding).</summary>
    public const string Padding = "<dupn:pad>";

    public string UserId { get; set; } = "";
    public long Timestamp { get; set; }
    /// <summary>Q query tokens, padded.</summary>
    public string[] Query { get; set; } = [];
    public string[] HistoryItem { get; set; } = [];
    public string[] HistoryShop { get; set; } = [];
    public string[] HistoryBrand { get; set; } = [];
    public string[] HistoryCategory { get; set; } = [];
    /// <summary>L·K tags, K per behaviour, padded.</summary>
    public string[] HistoryTags { get; set; } = [];
    public string[] HistoryType { get; set; } = [];
    public string[] HistoryScene { get; set; } = [];
    /// <summary>Time gap of each behaviour to the row's timestamp, in seconds (always positive).</summary>
    public long[] HistoryTime { get; set; } = [];
    /// <summary>One `column=value` per users.csv profile column (empty when the user has none).</summary>
    public string[] Profile { get; set; } = [];
    public string Item { get; set; } = Padding;
    public string Shop { get; set; } = Padding;
    public string Brand { get; set; } = Padding;
    public string Category { get; set; } = Padding;
    /// <summary>K candidate-item tags (ctr, l2r), padded; empty for other tasks.</summary>
    public string[] ItemTags { get; set; } = [];
    /// <summary>m L2R ranking features; empty for other tasks.</summary>
    public float[] RankingFeatures { get; set; } = [];
    public string BehaviorType { get; set; } = Padding;
    public string Talent { get; set; } = Padding;
    /// <summary>K talent tags (follow), padded; empty for other tasks.</summary>
    public string[] TalentTags { get; set; } = [];
    public string TargetShop { get; set; } = Padding;
    public float Label { get; set; }
    public int Level { get; set; }
}
