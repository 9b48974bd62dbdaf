using Dupn.MLNet.Export;
using Dupn.MLNet.Export.Tests.Reference;
using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Transforms.Tests.Embedding;

/// <summary>Exported graphs of one small random network (N = 20) and featurised rows to feed them.</summary>
internal static class EmbeddingFixture
{
    public const int N = 20, K = 4, Q = 8, P = 2;

    public static readonly DupnArchitecture Architecture = RandomStateDict.SmallArchitecture() with { MaxHistory = N };
    private static readonly StateDict Weights = RandomStateDict.Create(Architecture, seed: 21);
    private static readonly Lazy<byte[]> UserLazy = new(() => DupnOnnxExporter.ExportBytes(Architecture, Weights, DupnGraphKind.User));
    private static readonly Lazy<byte[]> ItemsLazy = new(() => DupnOnnxExporter.ExportBytes(Architecture, Weights, DupnGraphKind.Items));
    private static readonly Lazy<byte[]> FullLazy = new(() => DupnOnnxExporter.ExportBytes(Architecture, Weights, DupnGraphKind.Full));

    public static byte[] UserGraph => UserLazy.Value;
    public static byte[] ItemsGraph => ItemsLazy.Value;
    public static byte[] FullGraph => FullLazy.Value;

    /// <summary>Rows with histories of 0..N behaviours (row 0 full, row 1 empty).</summary>
    public static List<FeaturizedRow> Rows(int count, int seed)
    {
        var rng = new Random(seed);
        var a = Architecture;
        int Id(int vocabulary) => rng.Next(1, vocabulary + 2);
        int[] Ids(int n, int vocabulary) => Enumerable.Range(0, n).Select(_ => Id(vocabulary)).ToArray();
        var rows = new List<FeaturizedRow>();
        for (int r = 0; r < count; r++)
        {
            int length = r == 0 ? N : r == 1 ? 0 : rng.Next(0, N + 1);
            rows.Add(new FeaturizedRow
            {
                UserId = $"u{r}",
                HistoryItem = Ids(length, a.ItemVocabulary),
                HistoryShop = Ids(length, a.ShopVocabulary),
                HistoryBrand = Ids(length, a.BrandVocabulary),
                HistoryCategory = Ids(length, a.CategoryVocabulary),
                HistoryTags = Enumerable.Range(0, length * K).Select(_ => rng.NextDouble() < 0.3 ? 0 : Id(a.TagVocabulary)).ToArray(),
                HistoryType = Ids(length, a.TypeVocabulary),
                HistoryScene = Ids(length, a.SceneVocabulary),
                HistoryTime = Enumerable.Range(0, length).Select(_ => rng.Next(1, a.TimeBuckets)).ToArray(),
                Query = Ids(rng.Next(0, Q + 1), a.QueryVocabulary),
                Profile = [Id(a.ProfileVocabularies[0]), Id(a.ProfileVocabularies[1])],
                Item = Id(a.ItemVocabulary), Shop = Id(a.ShopVocabulary), Brand = Id(a.BrandVocabulary), Category = Id(a.CategoryVocabulary),
                ItemTags = Ids(K, a.TagVocabulary),
                RankingFeatures = Enumerable.Range(0, a.RankingFeatures).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(),
                Talent = Id(a.TalentVocabulary), TalentTags = Ids(K, a.TalentTagVocabulary), TargetShop = Id(a.ShopVocabulary),
            });
        }
        return rows;
    }

    /// <summary>A row padded to N for ML.NET: Int32 index columns (the transform widens them) and the mask.</summary>
    public sealed class PaddedRow
    {
        [VectorType(N)] public int[] HistoryItem { get; set; } = [];
        [VectorType(N)] public int[] HistoryShop { get; set; } = [];
        [VectorType(N)] public int[] HistoryBrand { get; set; } = [];
        [VectorType(N)] public int[] HistoryCategory { get; set; } = [];
        [VectorType(N * K)] public int[] HistoryTags { get; set; } = [];
        [VectorType(N)] public int[] HistoryType { get; set; } = [];
        [VectorType(N)] public int[] HistoryScene { get; set; } = [];
        [VectorType(N)] public int[] HistoryTime { get; set; } = [];
        [VectorType(N)] public float[] HistoryMask { get; set; } = [];
        [VectorType(Q)] public int[] Query { get; set; } = [];
        [VectorType(P)] public int[] Profile { get; set; } = [];
    }

    public static PaddedRow Pad(FeaturizedRow row)
    {
        int[] Fit(int[] values, int size) { var v = new int[size]; values.CopyTo(v, 0); return v; }
        return new PaddedRow
        {
            HistoryItem = Fit(row.HistoryItem, N), HistoryShop = Fit(row.HistoryShop, N), HistoryBrand = Fit(row.HistoryBrand, N),
            HistoryCategory = Fit(row.HistoryCategory, N), HistoryTags = Fit(row.HistoryTags, N * K), HistoryType = Fit(row.HistoryType, N),
            HistoryScene = Fit(row.HistoryScene, N), HistoryTime = Fit(row.HistoryTime, N),
            HistoryMask = Enumerable.Range(0, N).Select(t => t < row.Length ? 1f : 0f).ToArray(),
            Query = Fit(row.Query, Q), Profile = Fit(row.Profile, P),
        };
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}.");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: {actual[i]} vs {expected[i]}.");
    }
}
