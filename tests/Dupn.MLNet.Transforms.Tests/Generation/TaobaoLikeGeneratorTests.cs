using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Generation;
using Xunit.Abstractions;

namespace Dupn.MLNet.Tests.Generation;

/// <summary>
/// The generator writes valid, reproducible folders, and the structure docs/generator.md promises is
/// recoverable from the files alone with point-in-time histories.
/// </summary>
public class TaobaoLikeGeneratorTests(ITestOutputHelper output, GeneratedDatasetFixture data) : IClassFixture<GeneratedDatasetFixture>
{
    private readonly GeneratedDatasetFixture _data = data;

    [Fact]
    public void SameSeedWritesIdenticalFilesAndEveryFileReads()
    {
        using var a = RepoPaths.NewTempDir();
        using var b = RepoPaths.NewTempDir();
        var options = new TaobaoLikeGeneratorOptions { Users = 60, Seed = 5 };
        var summary = TaobaoLikeGenerator.Generate(a.Path, options);
        TaobaoLikeGenerator.Generate(b.Path, options);
        foreach (var file in Directory.GetFiles(a.Path).Select(Path.GetFileName))
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, file!)), File.ReadAllBytes(Path.Combine(b.Path, file!)));
        Assert.Equal(12, Directory.GetFiles(a.Path).Length);

        var ds = Dataset.Open(a.Path);
        Assert.Equal(summary.Behaviors, ds.Behaviors().LongCount());
        foreach (var task in DupnTaskNames.All)
        {
            foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
            {
                var rows = ds.TaskRows(task, split).ToList();
                Assert.Equal(summary.TaskRows[DatasetSchema.FileName(task, split)], rows.Count);
                Assert.NotEmpty(rows);
                Assert.All(rows, r => Assert.Equal(split == DatasetSplit.Train, r.Timestamp < summary.SplitTimestamp));
            }
        }
        Assert.All(ds.TaskRows(DupnTask.L2r, DatasetSplit.Train), r => Assert.Equal(26, r.Features.Length));
        Assert.Equal(60, ds.Users.Count);
        Assert.Equal(["gender", "age_level", "city_level"], ds.Users.Columns);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, "behaviors.csv")).Length,
            File.ReadAllBytes(Path.Combine(TaobaoLikeGenerator.Generate(b.Path, new TaobaoLikeGeneratorOptions { Users = 60, Seed = 6 }).Folder, "behaviors.csv")).Length);
    }

    [Fact]
    public void PurchasingPowerShowsInThePriceLevelOfBoughtItems()
    {
        int buyHits = 0, clickHits = 0, rows = 0;
        foreach (var row in _data.Dataset.TaskRows(DupnTask.Ppp, DatasetSplit.Train))
        {
            var history = _data.Index.History(row.UserId, row.Timestamp, 100).ToArray();
            string? buyMode = ModalPrice(history.Where(b => b.BehaviorType is "buy" or "cart"));
            string? clickMode = ModalPrice(history.Where(b => b.BehaviorType == "click"));
            if (buyMode == null || clickMode == null)
                continue;
            rows++;
            buyHits += buyMode == "price_" + row.Level ? 1 : 0;
            clickHits += clickMode == "price_" + row.Level ? 1 : 0;
        }
        double buyAccuracy = buyHits / (double)rows, clickAccuracy = clickHits / (double)rows;
        output.WriteLine($"PPP rows {rows}: modal price of buys {buyAccuracy:F3}, of clicks {clickAccuracy:F3}");
        Assert.True(rows > 300);
        Assert.True(buyAccuracy > 0.6, $"buys' modal price matches the level in {buyAccuracy:F3} of rows");
        Assert.True(clickAccuracy < 0.35, $"clicks' modal price matches the level in {clickAccuracy:F3} of rows");
    }

    [Fact]
    public void CtrNeedsTheRecentBuysNotTheClickCounts()
    {
        var recent = new List<(double, int)>();
        var clicks = new List<(double, int)>();
        foreach (var row in _data.Dataset.TaskRows(DupnTask.Ctr, DatasetSplit.Test))
        {
            var history = _data.Index.History(row.UserId, row.Timestamp, 100).ToArray();
            var lastConvert = history.LastOrDefault(b => b.BehaviorType is "buy" or "cart");
            recent.Add((lastConvert?.CategoryId == row.CategoryId ? 1 : 0, row.Label));
            var top = history.Where(b => b.BehaviorType == "click").GroupBy(b => b.CategoryId)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
            clicks.Add((top == row.CategoryId ? 1 : 0, row.Label));
        }
        double recentAuc = Auc(recent), clickAuc = Auc(clicks);
        output.WriteLine($"CTR test rows {recent.Count}: AUC last buy/cart category {recentAuc:F3}, most clicked category {clickAuc:F3}");
        Assert.True(recentAuc > 0.67, $"recent-buy AUC {recentAuc:F3}");
        Assert.True(recentAuc > clickAuc + 0.05, $"recent-buy AUC {recentAuc:F3} vs click-count AUC {clickAuc:F3}");
    }

    [Fact]
    public void FollowsTrackTheStyleOfBoughtItemsAndShopPreferenceTheShopsBoughtFrom()
    {
        var style = new List<(double, int)>();
        foreach (var row in _data.Dataset.TaskRows(DupnTask.Follow, DatasetSplit.Train))
        {
            var history = _data.Index.History(row.UserId, row.Timestamp, 100).ToArray();
            string? modal = history.Where(b => b.BehaviorType is "buy" or "cart").SelectMany(b => b.Tags).Where(t => t.StartsWith("style_"))
                .GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
            style.Add((modal != null && row.TalentTags.Contains(modal) ? 1 : 0, row.Label));
        }
        var shop = new List<(double, int)>();
        foreach (var row in _data.Dataset.TaskRows(DupnTask.ShopPref, DatasetSplit.Train))
        {
            var history = _data.Index.History(row.UserId, row.Timestamp, 100).ToArray();
            shop.Add((history.Count(b => b.BehaviorType is "buy" or "cart" && b.ShopId == row.ShopId), row.Label));
        }
        double styleAuc = Auc(style), shopAuc = Auc(shop);
        output.WriteLine($"FOLLOW AUC (style of buys) {styleAuc:F3}; SHOP_PREF AUC (buys from the shop) {shopAuc:F3}");
        Assert.True(styleAuc > 0.63, $"style AUC {styleAuc:F3}");
        Assert.True(shopAuc > 0.63, $"shop AUC {shopAuc:F3}");
    }

    private static string? ModalPrice(IEnumerable<Behavior> behaviors) =>
        behaviors.SelectMany(b => b.Tags).Where(t => t.StartsWith("price_")).GroupBy(t => t)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;

    /// <summary>ROC AUC with ties counted half.</summary>
    internal static double Auc(List<(double Score, int Label)> points)
    {
        var sorted = points.OrderBy(p => p.Score).ToList();
        double rankSum = 0;
        long positives = sorted.Count(p => p.Label == 1), negatives = sorted.Count - positives;
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score)
                j++;
            double averageRank = (i + j + 1) / 2.0;
            for (int k = i; k < j; k++)
                if (sorted[k].Label == 1)
                    rankSum += averageRank;
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}

/// <summary>One generated dataset of 1,500 users shared by the structure tests.</summary>
public sealed class GeneratedDatasetFixture : IDisposable
{
    private readonly TempDir _dir = RepoPaths.NewTempDir();

    public GeneratedDatasetFixture()
    {
        TaobaoLikeGenerator.Generate(_dir.Path, new TaobaoLikeGeneratorOptions { Users = 1500, Seed = 11 });
        Dataset = Dataset.Open(_dir.Path);
        Index = BehaviorHistoryIndex.Build(Dataset.Behaviors());
    }

    public Dataset Dataset { get; }
    public BehaviorHistoryIndex Index { get; }

    public void Dispose() => _dir.Dispose();
}
