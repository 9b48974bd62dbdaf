namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// A featurised row's user side padded to fixed sizes for ML.NET: histories left-aligned in N slots
/// (tags N·K), 0 after the last behaviour, and the mask (1 for the first L slots). Column names are
/// the <see cref="DupnUserEmbeddingOptions"/> defaults, so the transform reads it as is. Made by
/// <see cref="DupnPaddedRows.Load"/>, which also gives the vector sizes to ML.NET. A row type with
/// more columns (a candidate, a label) derives from it, as <see cref="DupnShopPreferenceRow"/> does.
/// </summary>
public class DupnPaddedRow
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
}
