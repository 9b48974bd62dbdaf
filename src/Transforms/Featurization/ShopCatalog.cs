namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// Which category each shop sells, by index: the modal category of the shop's
/// behaviours in the given (training) histories. A candidate shop is matched against a history
/// through it ("the user's behaviours in the categories this shop sells"), by the store-preference
/// baseline and by the DUPN candidate columns alike. Index 0 (padding) and 1 (unknown) map to 0.
/// </summary>
public sealed class ShopCatalog
{
    private readonly int[] _category;

    private ShopCatalog(int[] category) => _category = category;

    /// <summary>Category index per shop index (length: the shop table's rows, vocabulary + 2); 0 where unknown.</summary>
    public IReadOnlyList<int> CategoryOfShop => _category;

    /// <summary>The category a shop sells, or 0 when the shop is unknown or never seen.</summary>
    public int Category(int shop) => shop > 1 && shop < _category.Length ? _category[shop] : 0;

    /// <summary>
    /// Learns the table from the behaviours of <paramref name="rows"/>' histories (duplicates across
    /// overlapping windows count again, which leaves the mode unchanged for one-category shops).
    /// </summary>
    public static ShopCatalog Fit(BehaviorFeaturizer featurizer, IEnumerable<FeaturizedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        return Fit(featurizer.Shop.Size + 2, rows);
    }

    /// <summary>Like <see cref="Fit(BehaviorFeaturizer, IEnumerable{FeaturizedRow})"/> for a shop table of <paramref name="shops"/> rows (vocabulary + 2).</summary>
    public static ShopCatalog Fit(int shops, IEnumerable<FeaturizedRow> rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shops, 2);
        ArgumentNullException.ThrowIfNull(rows);
        var counts = new Dictionary<long, int>();
        foreach (var row in rows)
        {
            for (int t = 0; t < row.Length; t++)
            {
                int shop = row.HistoryShop[t], category = row.HistoryCategory[t];
                if (shop > 1 && shop < shops && category > 1)
                {
                    long key = (long)shop << 32 | (uint)category;
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }
        var table = new int[shops];
        var best = new int[shops];
        foreach (var (key, n) in counts.OrderBy(p => p.Key))
        {
            int shop = (int)(key >> 32), category = (int)(key & 0xffffffff);
            if (n > best[shop])
                (best[shop], table[shop]) = (n, category);
        }
        return new ShopCatalog(table);
    }
}
