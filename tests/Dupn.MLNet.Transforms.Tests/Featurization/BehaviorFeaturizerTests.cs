using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;

namespace Dupn.MLNet.Tests.Featurization;

public class BehaviorFeaturizerTests
{
    private static Dataset Example => Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"));

    [Fact]
    public void VocabulariesAreOrderedByCountThenIdAndInspectable()
    {
        var f = BehaviorFeaturizer.Fit(Example);
        // items: behaviours i10 x1, i11 x2, i20 x3, "i,30" x1; ctr/l2r train: i11 x2, i10 x2 (i10 and i20 tie at 3: ordinal order)
        Assert.Equal(["i11", "i10", "i20", "i,30"], f.Item.Ids);
        Assert.Equal([new VocabularyEntry("i11", 4, 2), new VocabularyEntry("i10", 3, 3)], f.Item.Top(2));
        Assert.Equal(Vocabulary.OutOfVocabulary, f.Item.IndexOf("never-seen"));
        Assert.Equal(Vocabulary.OutOfVocabulary, f.Item.IndexOf(""));
        Assert.Equal(["buy", "click", "fav", "cart", "impression"], f.Type.Ids); // buy 2 + 1 in l2r, click 2, fav 2, cart 1, impression 1
        Assert.Equal(["gender", "age_level"], f.ProfileColumns);
        Assert.Equal(["3"], f.Profiles[1].Ids); // the empty age_level of u2 is missing, not an id
        var sizes = f.Architecture;
        Assert.Equal(4, sizes.ItemVocabulary);
        Assert.Equal([2, 1], sizes.ProfileVocabularies);
        Assert.Equal(9, sizes.TimeBuckets);
        Assert.Equal(3, sizes.RankingFeatures);
        Assert.Equal(1, sizes.TalentVocabulary);
        Assert.Contains("item: V = 4: i11 (4) -> 2", f.Describe(3));
    }

    [Fact]
    public void MinCountSendsRareIdsToOutOfVocabulary()
    {
        var f = BehaviorFeaturizer.Fit(Example, new BehaviorFeaturizerOptions { MinCount = 4 });
        Assert.Equal(["i11"], f.Item.Ids);
        Assert.Equal(Vocabulary.OutOfVocabulary, f.Item.IndexOf("i20"));
        Assert.Equal(2, f.Item.IndexOf("i11"));
    }

    [Fact]
    public void RowIsJoinedEncodedAndPadded()
    {
        var ds = Example;
        var f = BehaviorFeaturizer.Fit(ds);
        var row = f.Transform(ds, "ctr", DatasetSplit.Test).Single();
        // u1 at 1700090000 sees all four of its behaviours, oldest first.
        Assert.Equal(4, row.Length);
        Assert.Equal(new[] { "i10", "i11", "i11", "i20" }.Select(f.Item.IndexOf), row.HistoryItem);
        Assert.Equal(new[] { "click", "cart", "buy", "click" }.Select(f.Type.IndexOf), row.HistoryType);
        Assert.Equal(new[] { 1, 1, 1, 1 }.Length, row.HistoryBrand.Length);
        Assert.Equal(Vocabulary.OutOfVocabulary, row.HistoryBrand[3]); // empty brand of i20 is missing
        // gaps 90000, 89970, 89900 s (< 1 week: bucket 5, index 7) and 3600 s (< 1 day: bucket 4, index 6)
        Assert.Equal([7, 7, 7, 6], row.HistoryTime);
        Assert.Equal(16, row.HistoryTags.Length);
        Assert.Equal([f.Tag.IndexOf("price_3"), f.Tag.IndexOf("style_2"), 0, 0], row.HistoryTags[..4]);
        Assert.Equal([f.Query.IndexOf("shoes"), 0, 0, 0, 0, 0, 0, 0], row.Query);
        Assert.Equal(Vocabulary.OutOfVocabulary, row.Query[0]); // "shoes" appears only in a test file
        Assert.Equal([f.Profiles[0].IndexOf("f"), f.Profiles[1].IndexOf("3")], row.Profile);
        Assert.Equal(f.Item.IndexOf("i20"), row.Item);
        Assert.Equal(1f, row.Label);
        Assert.Equal(0, row.Talent);

        var early = f.Transform(ds, DupnTask.Ctr, DatasetSplit.Train);
        Assert.Equal(2, early[0].Length); // u1 at 1700000100: the buy at that very second is not history
        var ppp = f.Transform(ds, DupnTask.Ppp, DatasetSplit.Train);
        Assert.Equal(3, ppp[0].Level);
        Assert.Equal(0f, ppp[0].Label);
        var l2r = f.Transform(ds, DupnTask.L2r, DatasetSplit.Train);
        Assert.Equal([0.1f, 0f, 2.5f], l2r[1].RankingFeatures);
        Assert.Equal(f.Type.IndexOf("impression"), l2r[1].BehaviorType);
        var shop = f.Transform(ds, DupnTask.ShopPref, DatasetSplit.Test).Single();
        Assert.Equal(f.Shop.IndexOf("s3"), shop.TargetShop);
        Assert.Equal(0, shop.Shop);
        Assert.Equal(3, shop.Length); // u2: two duplicate favs and the buy, all before 1700090000
    }

    [Fact]
    public void NoLeakageAndSameJoinAsTheRawIndexOnGeneratedData()
    {
        using var dir = RepoPaths.NewTempDir();
        TaobaoLikeGenerator.Generate(dir.Path, new TaobaoLikeGeneratorOptions { Users = 150, Seed = 3 });
        var ds = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(ds, new BehaviorFeaturizerOptions { MaxHistory = 20 });
        var raw = BehaviorHistoryIndex.Build(ds.Behaviors());
        var rawRows = ds.TaskRows(DupnTask.Ctr, DatasetSplit.Test).ToList();
        var rows = f.Transform(ds, DupnTask.Ctr, DatasetSplit.Test);
        Assert.Equal(rawRows.Count, rows.Count);
        int full = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            var history = raw.History(rawRows[r].UserId, rawRows[r].Timestamp, 20).ToArray();
            Assert.All(history, b => Assert.True(b.Timestamp < rawRows[r].Timestamp));
            Assert.Equal(history.Select(b => f.Item.IndexOf(b.ItemId)), rows[r].HistoryItem);
            Assert.Equal(history.Select(b => f.TimeGaps.IndexOf(rawRows[r].Timestamp - b.Timestamp)), rows[r].HistoryTime);
            Assert.DoesNotContain(1, rows[r].HistoryTime); // every gap is positive: nothing at or after the row
            full += rows[r].Length == 20 ? 1 : 0;
        }
        Assert.True(full > 0, "some rows should hit the N = 20 cap");
    }

    [Fact]
    public void SavedFeaturizerGivesIdenticalRows()
    {
        using var dir = RepoPaths.NewTempDir();
        TaobaoLikeGenerator.Generate(dir.Path, new TaobaoLikeGeneratorOptions { Users = 80, Seed = 9, RankingFeatures = 5 });
        var ds = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(ds, new BehaviorFeaturizerOptions { MinCount = 2 });
        string path = Path.Combine(dir.Path, "featurizer.json");
        f.Save(path);
        var g = BehaviorFeaturizer.Load(path);
        // Every number the featuriser fixes, profile vocabularies included (the JSON compares lists by value).
        Assert.Equal(DupnArchitectureJson.Serialize(f.Architecture), DupnArchitectureJson.Serialize(g.Architecture));
        foreach (var task in DupnTaskNames.All)
        {
            var a = f.Transform(ds, task, DatasetSplit.Test);
            var b = g.Transform(Dataset.Open(dir.Path), task, DatasetSplit.Test);
            Assert.Equal(a.Count, b.Count);
            for (int i = 0; i < a.Count; i++)
                AssertSame(a[i], b[i]);
        }
        Assert.Throws<InvalidDataException>(() => BehaviorFeaturizer.Load(new MemoryStream("{\"Format\":\"other\"}"u8.ToArray())));
    }

    [Fact]
    public void PartitionedTransformGivesTheSameRowsPerUser()
    {
        using var dir = RepoPaths.NewTempDir();
        TaobaoLikeGenerator.Generate(dir.Path, new TaobaoLikeGeneratorOptions { Users = 70, Seed = 4, RankingFeatures = 4 });
        var ds = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(ds);
        foreach (var task in new[] { DupnTask.L2r, DupnTask.Follow })
        {
            var whole = f.Transform(ds, task, DatasetSplit.Train);
            var parted = f.TransformPartitioned(Dataset.Open(dir.Path), task, DatasetSplit.Train, partitions: 3, tempFolder: dir.Path).ToList();
            Assert.Equal(whole.Count, parted.Count);
            Assert.NotEqual(whole.Select(r => r.UserId), parted.Select(r => r.UserId)); // grouped by partition
            var byUser = parted.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var group in whole.GroupBy(r => r.UserId))
            {
                var other = byUser[group.Key];
                Assert.Equal(group.Count(), other.Count);
                foreach (var (a, b) in group.Zip(other))
                    AssertSame(a, b);
            }
        }
        Assert.Empty(Directory.GetDirectories(dir.Path, "dupn-partitions-*"));
    }

    [Fact]
    public void HashingMapsIdsIntoBucketsReproducibly()
    {
        var f = BehaviorFeaturizer.Fit(Example, new BehaviorFeaturizerOptions { HashBuckets = 16 });
        Assert.Equal(16, f.Architecture.ItemVocabulary);
        Assert.True(f.Item.IsHashed);
        int i = f.Item.IndexOf("anything-at-all");
        Assert.InRange(i, 2, 17);
        Assert.Equal(i, BehaviorFeaturizer.Fit(Example, new BehaviorFeaturizerOptions { HashBuckets = 16 }).Item.IndexOf("anything-at-all"));
        Assert.Equal(Vocabulary.OutOfVocabulary, f.Item.IndexOf(""));
        Assert.False(f.Category.IsHashed);
    }

    [Fact]
    public void SkippedBadBehavioursLeaveNoTraceInTheIndexAndAreCountedOnce()
    {
        using var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir.Path, "behaviors.csv"), string.Join(",", DatasetSchema.BehaviorColumns) +
            "\nu,10,a,,,,,click,\nu,2x,b,,,,,click,\nu,30,c,,,,,,\nu,40,d,,,,t1|t2,buy,\n");
        File.WriteAllText(Path.Combine(dir.Path, "ctr.train.csv"), string.Join(",", DatasetSchema.TaskColumns(DupnTask.Ctr)) +
            "\nu,100,,a,,,,,1\n");
        var ds = Dataset.Open(dir.Path, new DatasetReadOptions { SkipBadRows = true });
        var f = BehaviorFeaturizer.Fit(ds);
        var row = f.Transform(ds, DupnTask.Ctr, DatasetSplit.Train).Single();
        Assert.Equal([f.Item.IndexOf("a"), f.Item.IndexOf("d")], row.HistoryItem);
        Assert.Equal([0, 0, 0, 0, f.Tag.IndexOf("t1"), f.Tag.IndexOf("t2"), 0, 0], row.HistoryTags);
        Assert.Equal(["a", "d"], f.Item.Ids.Order());
        Assert.Equal(2, ds.Report.SkippedRows[ds.BehaviorsPath]);
    }

    [Fact]
    public void StreamingSurfacesABadRowAfterTheGoodOnesAndStopsEarlyCleanly()
    {
        using var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir.Path, "behaviors.csv"), string.Join(",", DatasetSchema.BehaviorColumns) + "\nu,10,a,,,,,click,\n");
        var lines = Enumerable.Range(0, 5000).Select(i => $"u,{100 + i},,a,,,,,{i % 2}").Append("u,9,,a,,,,,3");
        File.WriteAllText(Path.Combine(dir.Path, "ctr.train.csv"), string.Join(",", DatasetSchema.TaskColumns(DupnTask.Ctr)) + "\n" + string.Join("\n", lines) + "\n");
        var ds = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset")));
        int seen = 0;
        var ex = Assert.Throws<DatasetFormatException>(() =>
        {
            foreach (var _ in f.TransformStream(ds, DupnTask.Ctr, DatasetSplit.Train))
                seen++;
        });
        Assert.Equal(5000, seen);
        Assert.Equal(5002, ex.Line);
        Assert.Equal("label", ex.Column);
        Assert.Equal(100, f.TransformStream(ds, DupnTask.Ctr, DatasetSplit.Train).First().Timestamp);
    }

    [Fact]
    public void L2rRowWithAnotherFeatureCountIsRejected()
    {
        var ds = Example;
        var f = BehaviorFeaturizer.Fit(ds);
        var log = f.IndexLog(ds);
        var bad = new TaskRow { Task = DupnTask.L2r, UserId = "u1", Timestamp = 5, Features = [1f], BehaviorType = "click" };
        var ex = Assert.Throws<ArgumentException>(() => f.Transform(log, bad));
        Assert.Contains("has 1 ranking features; the featuriser was fitted with 3", ex.Message);
    }

    internal static void AssertSame(FeaturizedRow a, FeaturizedRow b)
    {
        Assert.Equal(a.UserId, b.UserId);
        Assert.Equal(a.Timestamp, b.Timestamp);
        Assert.Equal(a.HistoryItem, b.HistoryItem);
        Assert.Equal(a.HistoryShop, b.HistoryShop);
        Assert.Equal(a.HistoryBrand, b.HistoryBrand);
        Assert.Equal(a.HistoryCategory, b.HistoryCategory);
        Assert.Equal(a.HistoryTags, b.HistoryTags);
        Assert.Equal(a.HistoryType, b.HistoryType);
        Assert.Equal(a.HistoryScene, b.HistoryScene);
        Assert.Equal(a.HistoryTime, b.HistoryTime);
        Assert.Equal(a.Query, b.Query);
        Assert.Equal(a.Profile, b.Profile);
        Assert.Equal((a.Item, a.Shop, a.Brand, a.Category, a.BehaviorType, a.Talent, a.TargetShop, a.Label, a.Level),
            (b.Item, b.Shop, b.Brand, b.Category, b.BehaviorType, b.Talent, b.TargetShop, b.Label, b.Level));
        Assert.Equal(a.ItemTags, b.ItemTags);
        Assert.Equal(a.TalentTags, b.TalentTags);
        Assert.Equal(a.RankingFeatures, b.RankingFeatures);
    }
}
