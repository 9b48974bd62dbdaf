namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// One task row after featurisation: every categorical field is an index into its embedding table
/// (0 = padding, 1 = out of vocabulary or missing, 2.. = vocabulary; see docs/network.md).
/// This plain form is what the trainer batches and what the ONNX graphs take as tensors.
/// </summary>
public sealed class FeaturizedRow
{
    /// <summary>The raw user id of the row (for output and grouping; not a model input).</summary>
    public string UserId { get; init; } = "";

    /// <summary>The row's unix timestamp in seconds; its history holds only earlier behaviours.</summary>
    public long Timestamp { get; init; }

    /// <summary>History length L (0 ≤ L ≤ N): the arrays below hold L entries (tags L·K), oldest first.</summary>
    public int Length => HistoryItem.Length;

    public int[] HistoryItem { get; init; } = [];
    public int[] HistoryShop { get; init; } = [];
    public int[] HistoryBrand { get; init; } = [];
    public int[] HistoryCategory { get; init; } = [];

    /// <summary>L·K tag indices, K per behaviour, 0 where a behaviour has fewer than K tags.</summary>
    public int[] HistoryTags { get; init; } = [];
    public int[] HistoryType { get; init; } = [];
    public int[] HistoryScene { get; init; } = [];

    /// <summary>Time-gap bucket index of each behaviour (2 + bucket; see <see cref="TimeGapBuckets"/>).</summary>
    public int[] HistoryTime { get; init; } = [];

    /// <summary>Query token indices, at most Q, 0-padded to Q.</summary>
    public int[] Query { get; init; } = [];

    /// <summary>One index per user-profile column (empty when the dataset has no users.csv).</summary>
    public int[] Profile { get; init; } = [];

    // ---- the task row's own fields (those its task has; the rest stay at their defaults) ----
    public int Item { get; init; }
    public int Shop { get; init; }
    public int Brand { get; init; }
    public int Category { get; init; }

    /// <summary>K tag indices of the candidate item, 0-padded.</summary>
    public int[] ItemTags { get; init; } = [];

    /// <summary>L2R ranking features r_i (m floats).</summary>
    public float[] RankingFeatures { get; init; } = [];

    /// <summary>L2R: the behaviour type index of the row, which selects its sample weight n_i.</summary>
    public int BehaviorType { get; init; }

    public int Talent { get; init; }

    /// <summary>K talent-tag indices, 0-padded.</summary>
    public int[] TalentTags { get; init; } = [];

    /// <summary>SHOP_PREF candidate shop (index into the shop vocabulary).</summary>
    public int TargetShop { get; init; }

    /// <summary>Binary label (0 or 1) of CTR, L2R, FOLLOW and SHOP_PREF rows.</summary>
    public float Label { get; init; }

    /// <summary>PPP level, 1..7 (0 for other tasks).</summary>
    public int Level { get; init; }
}
