
namespace Dupn.MLNet.Export.Tests.Reference;

/// <summary>
/// One batch of network inputs in the layout of docs/network.md (row-major arrays), with a
/// seeded generator that gives every row its own history length (0..T, left-aligned, zero rows
/// included) and candidate fields.
/// </summary>
internal sealed class DupnBatch
{
    public int B, T, K, Q, P, M;
    public long[] HistItem = [], HistShop = [], HistBrand = [], HistCategory = [], HistTags = [];
    public long[] HistType = [], HistScene = [], HistTime = [];
    public float[] HistMask = [];
    public long[] Query = [], Profile = [];
    public long[] Item = [], Shop = [], Brand = [], Category = [], ItemTags = [];
    public float[] RankingFeatures = [];
    public long[] Talent = [], TalentTags = [], TargetShop = [];

    public int Length(int row)
    {
        int n = 0;
        while (n < T && HistMask[row * T + n] > 0)
            n++;
        return n;
    }

    public static DupnBatch Random(DupnArchitecture a, int batch, int history, int seed)
    {
        var rng = new Random(seed);
        int k = a.TagsPerBehavior, q = a.QueryTokens, p = a.ProfileVocabularies.Count, m = a.RankingFeatures;
        var x = new DupnBatch
        {
            B = batch, T = history, K = k, Q = q, P = p, M = m,
            HistItem = new long[batch * history], HistShop = new long[batch * history], HistBrand = new long[batch * history],
            HistCategory = new long[batch * history], HistTags = new long[batch * history * k], HistType = new long[batch * history],
            HistScene = new long[batch * history], HistTime = new long[batch * history], HistMask = new float[batch * history],
            Query = new long[batch * q], Profile = new long[batch * p],
            Item = new long[batch], Shop = new long[batch], Brand = new long[batch], Category = new long[batch], ItemTags = new long[batch * k],
            RankingFeatures = new float[batch * m], Talent = new long[batch], TalentTags = new long[batch * k], TargetShop = new long[batch],
        };
        long Id(int vocabulary) => rng.Next(1, vocabulary + 2); // 1 = OOV, 2..V+1 = vocabulary
        void Tags(long[] target, int offset, int vocabulary)
        {
            for (int j = 0; j < k; j++)
                target[offset + j] = rng.NextDouble() < 0.35 ? 0 : Id(vocabulary);
        }
        for (int b = 0; b < batch; b++)
        {
            // Lengths: row 0 full, row 1 empty (when there are rows enough), the rest at random.
            int length = b == 0 ? history : b == 1 ? 0 : rng.Next(0, history + 1);
            for (int t = 0; t < length; t++)
            {
                int i = b * history + t;
                x.HistItem[i] = Id(a.ItemVocabulary);
                x.HistShop[i] = Id(a.ShopVocabulary);
                x.HistBrand[i] = Id(a.BrandVocabulary);
                x.HistCategory[i] = Id(a.CategoryVocabulary);
                Tags(x.HistTags, i * k, a.TagVocabulary);
                x.HistType[i] = Id(a.TypeVocabulary);
                x.HistScene[i] = Id(a.SceneVocabulary);
                x.HistTime[i] = rng.Next(1, a.TimeBuckets);
                x.HistMask[i] = 1;
            }
            int tokens = rng.Next(0, q + 1);
            for (int j = 0; j < tokens; j++)
                x.Query[b * q + j] = Id(a.QueryVocabulary);
            for (int j = 0; j < p; j++)
                x.Profile[b * p + j] = Id(a.ProfileVocabularies[j]);
            x.Item[b] = Id(a.ItemVocabulary);
            x.Shop[b] = Id(a.ShopVocabulary);
            x.Brand[b] = Id(a.BrandVocabulary);
            x.Category[b] = Id(a.CategoryVocabulary);
            Tags(x.ItemTags, b * k, a.TagVocabulary);
            for (int j = 0; j < m; j++)
                x.RankingFeatures[b * m + j] = (float)(rng.NextDouble() * 2 - 1);
            x.Talent[b] = Id(a.TalentVocabulary);
            Tags(x.TalentTags, b * k, a.TalentTagVocabulary);
            x.TargetShop[b] = Id(a.ShopVocabulary);
        }
        return x;
    }
}
