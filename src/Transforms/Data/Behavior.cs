namespace Dupn.MLNet.Transforms.Data;

/// <summary>One row of behaviors.csv: a user acted on an item at a time, in a scene.</summary>
public sealed class Behavior
{
    public string UserId { get; init; } = "";
    /// <summary>Unix seconds.</summary>
    public long Timestamp { get; init; }
    public string ItemId { get; init; } = "";
    public string ShopId { get; init; } = "";
    public string BrandId { get; init; } = "";
    public string CategoryId { get; init; } = "";
    /// <summary>The item's tags (the `|`-separated field split; empty when none).</summary>
    public string[] Tags { get; init; } = [];
    /// <summary>`click`, `cart`, `fav`, `buy` or another token.</summary>
    public string BehaviorType { get; init; } = "";
    /// <summary>A scene token, or empty.</summary>
    public string Scene { get; init; } = "";
}
