using Dupn.MLNet.Transforms.Conversion;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Xunit.Abstractions;

namespace Dupn.MLNet.Tests.Conversion;

/// <summary>The converters on the real public samples in ../shared/data (read only, never copied into the repo).</summary>
public class ConverterTests(ITestOutputHelper output)
{
    private static string Shared(string sub) =>
        Path.Combine(RepoPaths.SharedData ?? throw new InvalidOperationException("These tests read the public samples in ../shared/data beside the repository."), sub);

    /// <summary>Every file reads, every task row's history is strictly earlier, and the featuriser runs.</summary>
    private static Dataset CheckValid(string folder, params DupnTask[] tasks)
    {
        var ds = Dataset.Open(folder);
        Assert.Equal(tasks, ds.Tasks);
        var index = BehaviorHistoryIndex.Build(ds.Behaviors());
        var featurizer = BehaviorFeaturizer.Fit(ds, new BehaviorFeaturizerOptions { MaxHistory = 50 });
        foreach (var task in tasks)
        {
            foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
            {
                var rows = ds.TaskRows(task, split).ToList();
                var featurized = featurizer.Transform(ds, task, split);
                Assert.Equal(rows.Count, featurized.Count);
                foreach (var row in rows.Take(200))
                    Assert.All(index.History(row.UserId, row.Timestamp, 50).ToArray(), b => Assert.True(b.Timestamp < row.Timestamp));
            }
        }
        Assert.Equal(0, ds.Report.TotalSkipped);
        return ds;
    }

    [Fact]
    public void TaobaoSampleConvertsAndDropsTheDirtyTimestampWithACount()
    {
        using var dir = RepoPaths.NewTempDir();
        var summary = TaobaoUserBehaviorConverter.Convert(Shared("taobao-userbehavior-sample/UserBehavior.csv"), dir.Path);
        output.WriteLine(summary.ToString());
        Assert.Equal(4321, summary.InputRows);
        Assert.Equal(1, summary.Skipped["timestamp outside 2017-11-25..2017-12-03"]);
        Assert.Equal(4320, summary.Behaviors);
        var ds = CheckValid(dir.Path, DupnTask.Ctr);
        var behaviors = ds.Behaviors().ToList();
        Assert.DoesNotContain(behaviors, b => b.BehaviorType == "pv");
        Assert.Equal(behaviors.Count(b => b.BehaviorType == "click"), summary.TaskRows["ctr.train.csv"] / 2 + summary.TaskRows["ctr.test.csv"] / 2);
        var ctr = ds.TaskRows(DupnTask.Ctr, DatasetSplit.Train).Concat(ds.TaskRows(DupnTask.Ctr, DatasetSplit.Test)).ToList();
        Assert.Equal(ctr.Count(r => r.Label == 1), ctr.Count(r => r.Label == 0)); // one negative per positive
        Assert.Contains(summary.NotDerived, n => n.StartsWith("ppp"));
    }

    [Fact]
    public void TaobaoHotItemsSliceConverts()
    {
        using var dir = RepoPaths.NewTempDir();
        var summary = TaobaoUserBehaviorConverter.Convert(Shared("taobao-userbehavior-hotitems/UserBehavior.csv"), dir.Path,
            new ConversionOptions { MaxPositivesPerUser = 20, NegativesPerPositive = 2 });
        output.WriteLine(summary.ToString());
        Assert.Equal(10_000, summary.InputRows);
        Assert.Equal(summary.InputRows, summary.Behaviors + summary.Skipped.Values.Sum());
        CheckValid(dir.Path, DupnTask.Ctr);
        Assert.True(summary.TaskRows["ctr.train.csv"] + summary.TaskRows["ctr.test.csv"] <= 114 * 20 * 3);
    }

    [Fact]
    public void TmallLogWithPandasQuirksAndShopLabelsConverts()
    {
        using var dir = RepoPaths.NewTempDir();
        var summary = TmallRepeatBuyersConverter.Convert(Shared("tmall-ijcai15/user_log_format1.csv"), Shared("tmall-ijcai15/train_format1.csv"), dir.Path);
        output.WriteLine(summary.ToString());
        Assert.Equal(10_000, summary.Behaviors);
        var ds = CheckValid(dir.Path, DupnTask.Ctr, DupnTask.ShopPref);
        var behaviors = ds.Behaviors().ToList();
        Assert.DoesNotContain(behaviors, b => b.BrandId.Contains('.'));
        Assert.Equal("2661", behaviors[0].BrandId);
        Assert.Equal(TmallRepeatBuyersConverter.DayTimestamp("0829", "x", 1), behaviors[0].Timestamp);
        Assert.Contains(behaviors, b => b.BrandId.Length == 0); // the one empty brand stays missing
        Assert.Equal(["buy", "click", "fav"], behaviors.Select(b => b.BehaviorType).Distinct().Order()); // the sample has no action 1 (cart)
        var shop = ds.TaskRows(DupnTask.ShopPref, DatasetSplit.Train).Concat(ds.TaskRows(DupnTask.ShopPref, DatasetSplit.Test)).ToList();
        Assert.NotEmpty(shop);
        long labelled = File.ReadLines(Shared("tmall-ijcai15/train_format1.csv")).LongCount() - 1;
        Assert.Equal(labelled, shop.Count + summary.Skipped["shop_pref label of a user without behaviours in the log"]);
    }

    [Fact]
    public void MovieLensConvertsWithRealNegativesAndAgeLevels()
    {
        using var dir = RepoPaths.NewTempDir();
        var summary = MovieLensConverter.Convert(Shared("movielens-100k"), dir.Path);
        output.WriteLine(summary.ToString());
        Assert.Equal(100_000, summary.Behaviors);
        Assert.Equal(100_000, summary.TaskRows["ctr.train.csv"] + summary.TaskRows["ctr.test.csv"]);
        Assert.Equal(943, summary.TaskRows["ppp.train.csv"] + summary.TaskRows["ppp.test.csv"]);
        var ds = CheckValid(dir.Path, DupnTask.Ctr, DupnTask.Ppp);
        Assert.Equal(["gender", "occupation", "zip_region"], ds.Users.Columns);
        Assert.Equal(["M", "technician", "8"], ds.Users.Get("1")!); // " 1|24|M|technician|85711": leading space trimmed
        var toyStory = ds.Behaviors().First(b => b.ItemId == "1");
        Assert.Equal("animation", toyStory.CategoryId);
        Assert.Equal(["animation", "childrens", "comedy", "decade_1990"], toyStory.Tags);
        var ppp = ds.TaskRows(DupnTask.Ppp, DatasetSplit.Train).Concat(ds.TaskRows(DupnTask.Ppp, DatasetSplit.Test)).ToList();
        Assert.Equal(MovieLensConverter.AgeLevel(24), ppp.Single(r => r.UserId == "1").Level);
        Assert.Equal(7, ppp.Max(r => r.Level));
    }

    [Fact]
    public void MovieLensGenrePreferenceIsATransferTaskThatLeavesTheTable2RowsAlone()
    {
        using var plain = RepoPaths.NewTempDir();
        using var genre = RepoPaths.NewTempDir();
        MovieLensConverter.Convert(Shared("movielens-100k"), plain.Path);
        var summary = MovieLensConverter.Convert(Shared("movielens-100k"), genre.Path, new ConversionOptions { GenrePreference = true });
        output.WriteLine(summary.ToString());
        // ppp rows are byte for byte those of the plain conversion, ctr rows the same rows (user, time, film,
        // label); only the shop field of behaviours and candidates, empty before, now holds the first genre.
        foreach (string file in new[] { "ppp.train.csv", "ppp.test.csv", "users.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(plain.Path, file)), File.ReadAllText(Path.Combine(genre.Path, file)));
        var before = Dataset.Open(plain.Path);
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
        {
            Assert.Equal(before.TaskRows(DupnTask.Ctr, split).Select(r => (r.UserId, r.Timestamp, r.ItemId, r.CategoryId, r.Label)),
                Dataset.Open(genre.Path).TaskRows(DupnTask.Ctr, split).Select(r => (r.UserId, r.Timestamp, r.ItemId, r.CategoryId, r.Label)));
        }
        Assert.DoesNotContain(summary.NotDerived, n => n.StartsWith("shop_pref", StringComparison.Ordinal));
        var ds = CheckValid(genre.Path, DupnTask.Ctr, DupnTask.Ppp, DupnTask.ShopPref);
        Assert.All(ds.Behaviors().Take(1000), b => Assert.Equal(b.CategoryId, b.ShopId));
        var rows = ds.TaskRows(DupnTask.ShopPref, DatasetSplit.Train).Concat(ds.TaskRows(DupnTask.ShopPref, DatasetSplit.Test)).ToList();
        Assert.Equal(rows.Count / 2, rows.Count(r => r.Label == 1)); // one positive and one negative per block
        Assert.True(ds.TaskRows(DupnTask.ShopPref, DatasetSplit.Test).Any());
        // A positive genre is one the user likes (rates 4 or 5) among the next 20 ratings from the row's time.
        var behaviors = ds.Behaviors().ToLookup(b => b.UserId);
        foreach (var row in rows.Where(r => r.Label == 1).Take(200))
        {
            var next = behaviors[row.UserId].Where(b => b.Timestamp >= row.Timestamp).Take(20);
            Assert.Contains(next, b => b.CategoryId == row.ShopId && b.BehaviorType == "like");
        }
        foreach (var row in rows.Where(r => r.Label == 0).Take(200))
        {
            var next = behaviors[row.UserId].Where(b => b.Timestamp >= row.Timestamp).Take(20);
            Assert.DoesNotContain(next, b => b.CategoryId == row.ShopId && b.BehaviorType == "like");
        }
    }

    [Fact]
    public void TmallOriginalHeaderWithoutIndexColumnAndAllActionsConvert()
    {
        using var dir = RepoPaths.NewTempDir();
        string log = Path.Combine(dir.Path, "log.csv");
        File.WriteAllText(log, "user_id,item_id,cat_id,seller_id,brand_id,time_stamp,action_type\n" +
            "7,1,10,100,5.0,0510,0\n7,2,10,100,,0511,1\n7,2,10,100,,0512,2\n7,3,11,101,6,1111,3\n");
        string output = Path.Combine(dir.Path, "out");
        var summary = TmallRepeatBuyersConverter.Convert(log, null, output);
        var behaviors = Dataset.Open(output).Behaviors().ToList();
        Assert.Equal(["click", "cart", "buy", "fav"], behaviors.Select(b => b.BehaviorType));
        Assert.Equal(["5", "", "", "6"], behaviors.Select(b => b.BrandId));
        Assert.Equal("100", behaviors[0].ShopId);
        Assert.Contains(summary.NotDerived, n => n.StartsWith("shop_pref"));
        File.WriteAllText(log, "user_id,item_id,cat_id,seller_id,brand_id,time_stamp,action_type\n7,1,10,100,5,0510,4\n");
        var ex = Assert.Throws<DatasetFormatException>(() => TmallRepeatBuyersConverter.Convert(log, null, output));
        Assert.Equal((2L, "action_type"), (ex.Line, ex.Column));
    }

    [Theory]
    [InlineData("829", 8, 29)]
    [InlineData("0829", 8, 29)]
    [InlineData("1111", 11, 11)]
    public void TmallDaysAreMmdd(string text, int month, int day)
    {
        var expected = new DateTimeOffset(TmallRepeatBuyersConverter.Year, month, day, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();
        Assert.Equal(expected, TmallRepeatBuyersConverter.DayTimestamp(text, "log.csv", 5));
    }

    [Fact]
    public void BadTmallDayNamesFileLineAndColumn()
    {
        var ex = Assert.Throws<DatasetFormatException>(() => TmallRepeatBuyersConverter.DayTimestamp("1332", "log.csv", 7));
        Assert.Equal("log.csv, line 7, column 'time_stamp': '1332' is not a valid MMDD day.", ex.Message);
    }
}
