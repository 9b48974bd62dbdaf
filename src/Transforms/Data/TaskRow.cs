namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// One row of a task file. Every row has user, timestamp and query; the other fields are those of
/// its <see cref="Task"/> (the rest stay empty/zero).
/// </summary>
public sealed class TaskRow
{
    public DupnTask Task { get; init; }
    public string UserId { get; init; } = "";
    /// <summary>Unix seconds; the row's history holds only this user's behaviours strictly before it.</summary>
    public long Timestamp { get; init; }
    /// <summary>Query tokens (empty when none).</summary>
    public string[] Query { get; init; } = [];

    // ctr, l2r
    public string ItemId { get; init; } = "";
    /// <summary>The candidate item's shop (ctr, l2r) or the candidate shop (shop_pref).</summary>
    public string ShopId { get; init; } = "";
    public string BrandId { get; init; } = "";
    public string CategoryId { get; init; } = "";
    public string[] Tags { get; init; } = [];

    // l2r
    /// <summary>The ranking features r_i (same count in every row of a file).</summary>
    public float[] Features { get; init; } = [];
    /// <summary>The behaviour type that selects the L2R sample weight.</summary>
    public string BehaviorType { get; init; } = "";

    // follow
    public string TalentId { get; init; } = "";
    public string[] TalentTags { get; init; } = [];

    /// <summary>0 or 1 (ctr, l2r, follow, shop_pref).</summary>
    public int Label { get; init; }
    /// <summary>1..7 (ppp).</summary>
    public int Level { get; init; }
}
