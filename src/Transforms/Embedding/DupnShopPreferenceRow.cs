using System.Globalization;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// One shop-preference (SHOP_PREF) request for ML.NET: the user's padded history (the columns
/// <c>DupnUserEmbedding</c> reads by default, as in <see cref="DupnPaddedRow"/>), the candidate
/// shop (as its index and as text) and the label. The paper's RT transfer protocol feeds the user representation of these
/// rows, together with the shop, to an ordinary ML.NET learner. Load a sequence of them with
/// <see cref="DupnShopPreferenceRows.Load"/> (or pass <see cref="DupnShopPreferenceRows.Schema(BehaviorFeaturizer)"/>
/// to <c>LoadFromEnumerable</c> and <c>CreatePredictionEngine</c>): ML.NET needs the vector sizes.
/// </summary>
public sealed class DupnShopPreferenceRow : DupnPaddedRow
{
    /// <summary>The candidate shop's index in the featuriser's shop vocabulary (1 when unknown): what <c>DupnCandidateColumns</c> reads.</summary>
    public int TargetShop { get; set; }

    /// <summary>The candidate shop as text (so OneHotEncoding builds its own key range).</summary>
    public string Shop { get; set; } = "";

    /// <summary>Whether the user preferred the shop.</summary>
    public bool Label { get; set; }

    /// <summary>
    /// A featurised SHOP_PREF row padded to the given sizes (see <see cref="DupnPaddedRows.Pad"/>,
    /// which names the row when it does not fit). <paramref name="shop"/> is the candidate shop's
    /// text; null uses the shop's index (<see cref="FeaturizedRow.TargetShop"/>) as text.
    /// </summary>
    public static DupnShopPreferenceRow From(FeaturizedRow row, int index, int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns, string? shop = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        return DupnPaddedRows.PadInto(new DupnShopPreferenceRow
        {
            TargetShop = row.TargetShop,
            Shop = shop ?? row.TargetShop.ToString(CultureInfo.InvariantCulture),
            Label = row.Label > 0.5f,
        }, row, index, historyLength, tagsPerBehavior, queryTokens, profileColumns);
    }
}
