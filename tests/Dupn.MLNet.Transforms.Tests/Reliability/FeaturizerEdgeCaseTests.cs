using System.Diagnostics;
using System.Text;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Tests.Embedding;

namespace Dupn.MLNet.Tests.Reliability;

/// <summary>
/// Issue 7, inputs that are odd but valid: quoted and very long ids, a user with a million behaviours,
/// a user with no history, ids never seen in training. None of them is an error; each gives the row the
/// dataset format promises, and the ONNX scorer embeds it.
/// </summary>
[Collection(MemoryMeasurements.Name)]
public sealed class FeaturizerEdgeCaseTests
{
    private static readonly string BehaviorHeader = string.Join(",", DatasetSchema.BehaviorColumns);
    private static readonly string CtrHeader = string.Join(",", DatasetSchema.TaskColumns(DupnTask.Ctr));

    private static void Write(TempDir dir, string name, string text) =>
        File.WriteAllText(Path.Combine(dir.Path, name), text, new UTF8Encoding(false));

    [Fact]
    public void IdsWithCommasQuotesAndLineBreaksRoundTripAsIds()
    {
        using var dir = RepoPaths.NewTempDir();
        string[] items = ["a,b", "say \"hi\"", "two\nlines", "\"", ",", " padded "];
        string user = "user,\"42\"";
        using (var w = CsvWriter.Create(Path.Combine(dir.Path, "behaviors.csv")))
        {
            w.WriteRecord(DatasetSchema.BehaviorColumns);
            for (int i = 0; i < items.Length; i++)
                w.WriteRecord(user, (100 + i).ToString(), items[i], "s", "b", "c", "t|u", "click", "search");
        }
        using (var w = CsvWriter.Create(Path.Combine(dir.Path, "ctr.train.csv")))
        {
            w.WriteRecord(DatasetSchema.TaskColumns(DupnTask.Ctr));
            w.WriteRecord(user, "1000", "q", items[0], "s", "b", "c", "", "1");
        }
        var ds = Dataset.Open(dir.Path);
        Assert.Equal(items, ds.Behaviors().Select(b => b.ItemId));
        var f = BehaviorFeaturizer.Fit(ds);
        foreach (string item in items)
            Assert.True(f.Item.IndexOf(item) > Vocabulary.OutOfVocabulary, $"'{item}' is in the vocabulary");
        var row = f.Transform(ds, DupnTask.Ctr, DatasetSplit.Train).Single();
        Assert.Equal(user, row.UserId);
        Assert.Equal(items.Select(f.Item.IndexOf), row.HistoryItem);
        Assert.Equal(items.Length, row.HistoryItem.Distinct().Count());

        // The saved featuriser keeps such ids intact.
        string saved = Path.Combine(dir.Path, "featurizer.json");
        f.Save(saved);
        var back = BehaviorFeaturizer.Load(saved);
        Assert.Equal(items.Select(f.Item.IndexOf), items.Select(back.Item.IndexOf));
    }

    [Fact]
    public void VeryLongIdsAreKeptWhole()
    {
        using var dir = RepoPaths.NewTempDir();
        string longItem = string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + i % 26))) + ",tail"; // 100k+ chars, quoted
        string longUser = new('u', 300_000);
        using (var w = CsvWriter.Create(Path.Combine(dir.Path, "behaviors.csv")))
        {
            w.WriteRecord(DatasetSchema.BehaviorColumns);
            w.WriteRecord(longUser, "100", longItem, "s", "b", "c", "", "click", "");
            w.WriteRecord(longUser, "101", "short", "s", "b", "c", "", "click", "");
        }
        Write(dir, "ctr.train.csv", $"{CtrHeader}\n{longUser},200,,short,s,b,c,,1\n");
        var ds = Dataset.Open(dir.Path);
        Assert.Equal(longItem, ds.Behaviors().First().ItemId);
        var f = BehaviorFeaturizer.Fit(ds);
        var row = f.Transform(ds, DupnTask.Ctr, DatasetSplit.Train).Single();
        Assert.Equal(longUser, row.UserId);
        Assert.Equal([f.Item.IndexOf(longItem), f.Item.IndexOf("short")], row.HistoryItem);
        Assert.NotEqual(Vocabulary.OutOfVocabulary, row.HistoryItem[0]);
    }

    [Fact]
    public void AMillionBehavioursOfOneUserKeepTheLastNInBoundedMemory()
    {
        const int behaviours = 1_000_000, n = 100;
        using var dir = RepoPaths.NewTempDir();
        using (var w = new StreamWriter(Path.Combine(dir.Path, "behaviors.csv"), false, new UTF8Encoding(false), 1 << 16))
        {
            w.Write(BehaviorHeader + "\n");
            for (int i = 0; i < behaviours; i++)
            {
                // Out of order in blocks, so the index has to sort; item ids cycle through 1000 values.
                int t = 1_000_000 + (i ^ 1);
                w.Write("heavy,");
                w.Write(t);
                w.Write(",i");
                w.Write(i % 1000);
                w.Write(",s,b,c,x|y,click,search\n");
            }
            w.Write("light,5,i1,s,b,c,,click,\n");
        }
        Write(dir, "ctr.train.csv", $"{CtrHeader}\nheavy,{1_000_000 + behaviours},,i1,s,b,c,,1\nheavy,1000050,,i1,s,b,c,,0\n");
        var ds = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(ds, new BehaviorFeaturizerOptions { MaxHistory = n });

        using var process = Process.GetCurrentProcess();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        long privateBefore = process.PrivateMemorySize64;
        var log = f.IndexLog(ds);
        var rows = f.Transform(ds, DupnTask.Ctr, DatasetSplit.Train);
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        process.Refresh();
        long privateGrowth = process.PrivateMemorySize64 - privateBefore;

        Assert.Equal(behaviours + 1, log.BehaviorCount);
        // The compact index is documented at about 48 bytes a behaviour (K = 4); allow a little for the dictionary.
        Assert.True(retained < 64L * behaviours, $"the log index retains {retained / 1e6:F1} MB for {behaviours} behaviours (bound {64L * behaviours / 1e6} MB).");
        // The process as a whole (building the index needs its growing columns and one sorted copy).
        Assert.True(privateGrowth < 400_000_000, $"private memory grew {privateGrowth / 1e6:F1} MB indexing {behaviours} behaviours (bound 400 MB).");
        var last = rows[0];
        Assert.Equal(n, last.Length);
        // Times 1_000_000 .. 1_999_999 (pairs swapped): the last N strictly before the request, oldest first.
        var expectedItems = Enumerable.Range(behaviours - n, n).Select(t => t ^ 1).Select(i => f.Item.IndexOf("i" + i % 1000));
        Assert.Equal(expectedItems, last.HistoryItem);
        Assert.Equal(f.TimeGaps.IndexOf(1), last.HistoryTime[^1]); // the newest one second before the request
        Assert.Equal(50, rows[1].Length); // 1000050: the 50 behaviours at 1000000..1000049
        GC.KeepAlive(log);
    }

    [Fact]
    public void TaskRowOfAUserWithoutHistoryIsAValidEmptyRowAndEmbeds()
    {
        using var dir = RepoPaths.NewTempDir();
        Write(dir, "behaviors.csv", $"{BehaviorHeader}\nold,10,i1,s1,b1,c1,t1,click,search\n");
        Write(dir, "users.csv", "user_id,gender,age\nold,f,3\nnewcomer,m,\n");
        // newcomer has no behaviour at all; old has none before time 5.
        Write(dir, "ctr.train.csv", $"{CtrHeader}\nnewcomer,100,q1 q2,i1,s1,b1,c1,t1,1\nold,5,q1,i1,s1,b1,c1,,0\nold,100,q1,i1,s1,b1,c1,,0\n");
        var ds = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(ds);
        var rows = f.Transform(ds, DupnTask.Ctr, DatasetSplit.Train);
        foreach (var empty in rows.Take(2))
        {
            Assert.Equal(0, empty.Length);
            Assert.Empty(empty.HistoryItem);
            Assert.Empty(empty.HistoryTags);
            Assert.Empty(empty.HistoryTime);
            Assert.Equal(f.Item.IndexOf("i1"), empty.Item);
        }
        Assert.Equal([f.Profiles[0].IndexOf("m"), Vocabulary.OutOfVocabulary], rows[0].Profile);
        Assert.Equal(1, rows[2].Length);

        using var scorer = new DupnUserScorer(EmbeddingFixture.UserGraph);
        var scores = scorer.Score(rows);
        for (int r = 0; r < rows.Count; r++)
        {
            var e = scores.Embedding(r);
            Assert.Equal(scorer.Dimension, e.Length);
            Assert.All(e.ToArray(), v => Assert.True(float.IsFinite(v)));
        }
        Assert.All(scores.AttentionOf(0).ToArray(), a => Assert.Equal(0f, a)); // nothing to attend to
        // The empty-history state does not depend on what else is in the batch.
        var alone = scorer.Score([rows[0]]);
        EmbeddingFixture.AssertClose(alone.Embedding(0), scores.Embedding(0), 1e-5f, "empty-history embedding");
    }

    [Fact]
    public void IdsNeverSeenInTrainingBecomeTheOutOfVocabularyIndexAndStillScore()
    {
        using var trainDir = RepoPaths.NewTempDir();
        Write(trainDir, "behaviors.csv", $"{BehaviorHeader}\nu1,10,i1,s1,b1,c1,t1,click,search\n");
        Write(trainDir, "users.csv", "user_id,gender,age\nu1,f,3\n");
        Write(trainDir, "ctr.train.csv", $"{CtrHeader}\nu1,11,q1,i1,s1,b1,c1,t1,1\n");
        var f = BehaviorFeaturizer.Load(Save(BehaviorFeaturizer.Fit(Dataset.Open(trainDir.Path)), trainDir));

        // Serving data: the log has grown with ids, types and scenes the featuriser never saw.
        using var serveDir = RepoPaths.NewTempDir();
        Write(serveDir, "behaviors.csv", $"{BehaviorHeader}\nu1,10,i1,s1,b1,c1,t1,click,search\n" +
            "u1,11,brand-new-item,new-shop,new-brand,new-cat,new-tag,teleport,metaverse\n");
        Write(serveDir, "users.csv", "user_id,gender,age\nu1,x,99\n");
        Write(serveDir, "ctr.test.csv", $"{CtrHeader}\nu1,20,unseen words,i9,s9,b9,c9,t9|t1,1\nstranger,20,,i1,s1,b1,c1,,0\n");
        var rows = f.Transform(Dataset.Open(serveDir.Path), DupnTask.Ctr, DatasetSplit.Test);

        const int oov = Vocabulary.OutOfVocabulary;
        var row = rows[0];
        Assert.Equal([f.Item.IndexOf("i1"), oov], row.HistoryItem);
        Assert.Equal([f.Shop.IndexOf("s1"), oov], row.HistoryShop);
        Assert.Equal([f.Type.IndexOf("click"), oov], row.HistoryType);
        Assert.Equal([f.Scene.IndexOf("search"), oov], row.HistoryScene);
        Assert.Equal([f.Tag.IndexOf("t1"), 0, 0, 0, oov, 0, 0, 0], row.HistoryTags);
        Assert.Equal([oov, oov, 0, 0, 0, 0, 0, 0], row.Query);
        Assert.Equal((oov, oov, oov, oov), (row.Item, row.Shop, row.Brand, row.Category));
        Assert.Equal([oov, f.Tag.IndexOf("t1"), 0, 0], row.ItemTags);
        Assert.Equal([oov, oov], row.Profile);
        Assert.Equal(0, rows[1].Length); // a user never seen at all: empty history, missing profile
        Assert.Equal([oov, oov], rows[1].Profile);

        using var scorer = new DupnUserScorer(EmbeddingFixture.UserGraph);
        var scores = scorer.Score(rows);
        Assert.All(scores.Embeddings, v => Assert.True(float.IsFinite(v)));
    }

    private static string Save(BehaviorFeaturizer f, TempDir dir)
    {
        string path = Path.Combine(dir.Path, "f.json");
        f.Save(path);
        return path;
    }
}
