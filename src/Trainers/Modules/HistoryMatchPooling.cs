using Dupn.MLNet.Trainers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// How a user's history meets a candidate shop (state-dict prefix <c>shop_pref_matches.</c>; ours, see
/// <see cref="DupnArchitecture.ShopPrefReadsHistoryMatches"/>): the four columns
/// <code>
/// log(1 + [sum_t g_t [shop_t = s] ; sum_t g_t [category_t = category(s)] ; sum_t m_t [shop_t = s] ; sum_t m_t [category_t = category(s)]])
/// </code>
/// with g_t the behaviour's weight (the history counts' property gate, or the mask m_t without one) and
/// category(s) the category shop s sells, read from the buffer <c>shop_category</c> (shop index ->
/// category index, 0 where unknown; see <see cref="SetShopCategories"/>). An unknown candidate (index 0
/// or 1) matches nothing. The same sums as the ONNX candidate-columns graph, before the logarithm.
/// </summary>
public sealed class HistoryMatchPooling : nn.Module
{
    private readonly Tensor _shopCategory;

    /// <param name="shopRows">Rows of the shop table (vocabulary + 2).</param>
    public HistoryMatchPooling(long shopRows) : base("shop_pref_matches")
    {
        _shopCategory = zeros(shopRows, dtype: ScalarType.Int64);
        register_buffer("shop_category", _shopCategory); // the only state: nothing for RegisterComponents to find
    }

    /// <summary>
    /// Sets which category each shop sells (<paramref name="categoryOfShop"/>[shop index], the shop table's
    /// length), e.g. <c>ShopCatalog.Fit(...).CategoryOfShop</c> over the training histories.
    /// </summary>
    public void SetShopCategories(IReadOnlyList<int> categoryOfShop)
    {
        ArgumentNullException.ThrowIfNull(categoryOfShop);
        if (categoryOfShop.Count != _shopCategory.shape[0])
            throw new ArgumentException($"The shop -> category table has {categoryOfShop.Count} rows; the shop table has {_shopCategory.shape[0]}.", nameof(categoryOfShop));
        using var values = tensor(categoryOfShop.Select(c => (long)c).ToArray());
        using (no_grad())
            _shopCategory.copy_(values.to(_shopCategory.device));
    }

    /// <summary>
    /// The four columns [B,4] for histories <paramref name="histShop"/>, <paramref name="histCategory"/>
    /// [B,T] with weights <paramref name="weights"/> and mask <paramref name="mask"/> [B,T], against the
    /// candidate shops <paramref name="targetShop"/> [B].
    /// </summary>
    public Tensor Pool(Tensor histShop, Tensor histCategory, Tensor weights, Tensor mask, Tensor targetShop)
    {
        var known = targetShop.gt(KeptScalars.OfInteger(1)).unsqueeze(-1).to_type(mask.dtype);
        var target = targetShop.unsqueeze(-1);
        var shopMatch = histShop.eq(target).to_type(mask.dtype) * known;
        var categoryMatch = histCategory.eq(_shopCategory.index_select(0, targetShop).unsqueeze(-1)).to_type(mask.dtype) * known;
        var sums = stack([(weights * shopMatch).sum(1), (weights * categoryMatch).sum(1), (mask * shopMatch).sum(1), (mask * categoryMatch).sum(1)], -1);
        return sums.log1p();
    }
}
