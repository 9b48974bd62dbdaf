using Dupn.MLNet.Embedding;
using Dupn.MLNet.Featurization;

/// <summary>
/// One SHOP_PREF row for ML.NET: the user's padded history (the columns DupnUserEmbedding reads,
/// made by <see cref="DupnPaddedRows.Pad"/>), the candidate shop and the label.
/// </summary>
public sealed class ShopPrefInput
{
    public string UserId { get; set; } = "";
    public int[] HistoryItem { get; set; } = [];
    public int[] HistoryShop { get; set; } = [];
    public int[] HistoryBrand { get; set; } = [];
    public int[] HistoryCategory { get; set; } = [];
    public int[] HistoryTags { get; set; } = [];
    public int[] HistoryType { get; set; } = [];
    public int[] HistoryScene { get; set; } = [];
    public int[] HistoryTime { get; set; } = [];
    public float[] HistoryMask { get; set; } = [];
    public int[] Query { get; set; } = [];
    public int[] Profile { get; set; } = [];

    /// <summary>The candidate shop as text, so OneHotEncoding builds its own key range.</summary>
    public string Shop { get; set; } = "";

    public bool Label { get; set; }

    public static ShopPrefInput From(FeaturizedRow row, int index, int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns)
    {
        var padded = DupnPaddedRows.Pad(row, index, historyLength, tagsPerBehavior, queryTokens, profileColumns);
        return new ShopPrefInput
        {
            UserId = padded.UserId,
            HistoryItem = padded.HistoryItem, HistoryShop = padded.HistoryShop, HistoryBrand = padded.HistoryBrand,
            HistoryCategory = padded.HistoryCategory, HistoryTags = padded.HistoryTags, HistoryType = padded.HistoryType,
            HistoryScene = padded.HistoryScene, HistoryTime = padded.HistoryTime, HistoryMask = padded.HistoryMask,
            Query = padded.Query, Profile = padded.Profile,
            Shop = row.TargetShop.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Label = row.Label > 0.5f,
        };
    }
}
