namespace Dupn.MLNet.Transforms.Generation;

/// <summary>
/// The generator's world: items in categories, shops (each sells one category), brands clustered by
/// category, price levels 1..7, styles, tags, talents, and per-category vectors used by the L2R
/// ranking features. Built once from the seed; strings are made once so writing is cheap.
/// </summary>
internal sealed class TaobaoLikeCatalog
{
    public const int PriceLevels = 7;
    public const int CategoryVectorSize = 8;

    public TaobaoLikeCatalog(TaobaoLikeGeneratorOptions o)
    {
        var rng = new Random(o.Seed);
        Categories = o.Categories;
        ItemsPerCategory = o.ItemsPerCategory;
        ShopsPerCategory = o.ShopsPerCategory;
        Styles = o.Styles;
        int items = o.Categories * o.ItemsPerCategory;
        ItemId = new string[items];
        ItemShop = new int[items];
        ItemBrand = new int[items];
        ItemPrice = new int[items];
        ItemStyle = new int[items];
        ItemQuality = new float[items];
        ItemTags = new string[items];
        ByCategoryPrice = new List<int>[o.Categories, PriceLevels + 1];
        for (int c = 0; c < o.Categories; c++)
            for (int p = 0; p <= PriceLevels; p++)
                ByCategoryPrice[c, p] = [];
        for (int c = 0; c < o.Categories; c++)
        {
            for (int j = 0; j < o.ItemsPerCategory; j++)
            {
                int g = c * o.ItemsPerCategory + j;
                ItemId[g] = "i" + g;
                ItemShop[g] = c * o.ShopsPerCategory + rng.Next(o.ShopsPerCategory);
                // Brands cluster by category (a category draws from 10 neighbouring brands).
                ItemBrand[g] = (c * 7 + rng.Next(10)) % o.Brands;
                ItemPrice[g] = 1 + rng.Next(PriceLevels);
                ItemStyle[g] = rng.Next(o.Styles);
                ItemQuality[g] = (float)Gaussian(rng);
                ItemTags[g] = $"price_{ItemPrice[g]}|style_{ItemStyle[g]}|c{c}_t{rng.Next(3)}";
                ByCategoryPrice[c, ItemPrice[g]].Add(g);
                ByCategoryPrice[c, 0].Add(g); // slot 0: every item of the category
            }
        }
        ShopId = Enumerable.Range(0, o.Categories * o.ShopsPerCategory).Select(s => "s" + s).ToArray();
        BrandId = Enumerable.Range(0, o.Brands).Select(b => "b" + b).ToArray();
        CategoryId = Enumerable.Range(0, o.Categories).Select(c => "c" + c).ToArray();
        CategoryVector = new float[o.Categories][];
        for (int c = 0; c < o.Categories; c++)
            CategoryVector[c] = Enumerable.Range(0, CategoryVectorSize).Select(_ => (float)Gaussian(rng)).ToArray();
        // Category popularity is Zipf-like: a few categories are much more popular.
        CategoryCumulative = new double[o.Categories];
        double total = 0;
        for (int c = 0; c < o.Categories; c++)
            CategoryCumulative[c] = total += 1.0 / Math.Pow(c + 1, 0.8);
        for (int c = 0; c < o.Categories; c++)
            CategoryCumulative[c] /= total;
        TalentId = Enumerable.Range(0, o.Talents).Select(t => "t" + t).ToArray();
        TalentStyle = new int[o.Talents];
        TalentCategory = new int[o.Talents];
        TalentTags = new string[o.Talents];
        TalentsByStyle = new List<int>[o.Styles];
        for (int s = 0; s < o.Styles; s++)
            TalentsByStyle[s] = [];
        for (int t = 0; t < o.Talents; t++)
        {
            TalentStyle[t] = t % o.Styles; // every style has talents
            TalentCategory[t] = PopularCategory(rng);
            TalentTags[t] = $"style_{TalentStyle[t]}|tc_{TalentCategory[t]}";
            TalentsByStyle[TalentStyle[t]].Add(t);
        }
    }

    public int Categories { get; }
    public int ItemsPerCategory { get; }
    public int ShopsPerCategory { get; }
    public int Styles { get; }
    public int Shops => ShopId.Length;
    public string[] ItemId { get; }
    public int[] ItemShop { get; }
    public int[] ItemBrand { get; }
    public int[] ItemPrice { get; }
    public int[] ItemStyle { get; }
    public float[] ItemQuality { get; }
    public string[] ItemTags { get; }
    /// <summary>[category, price level] -> items; price slot 0 holds every item of the category.</summary>
    public List<int>[,] ByCategoryPrice { get; }
    public string[] ShopId { get; }
    public string[] BrandId { get; }
    public string[] CategoryId { get; }
    public float[][] CategoryVector { get; }
    public double[] CategoryCumulative { get; }
    public string[] TalentId { get; }
    public int[] TalentStyle { get; }
    public int[] TalentCategory { get; }
    public string[] TalentTags { get; }
    public List<int>[] TalentsByStyle { get; }

    public int CategoryOf(int item) => item / ItemsPerCategory;

    public int ShopCategory(int shop) => shop / ShopsPerCategory;

    public int PopularCategory(Random rng)
    {
        double u = rng.NextDouble();
        int c = Array.BinarySearch(CategoryCumulative, u);
        c = c < 0 ? ~c : c;
        return Math.Min(c, Categories - 1);
    }

    public int RandomItem(Random rng, int category) => category * ItemsPerCategory + rng.Next(ItemsPerCategory);

    public static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
