using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Tests.Featurization;

/// <summary>The fast featurisation path (span CSV, encoded index, parallel ordered join) equals the plain reference.</summary>
public class FastPathParityTests
{
    private static readonly BehaviorFeaturizerOptions Options = new() { MaxHistory = 7, TagsPerBehavior = 3, QueryTokens = 4, MinCount = 2 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void StreamedRowsEqualThePlainReferenceInFileOrder(int seed)
    {
        var data = ParityDataset.Generate(seed);
        using var dir = RepoPaths.NewTempDir();
        data.Write(dir.Path, seed);
        var dataset = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(dataset, Options);

        // The data has what the test is for (else it would pass vacuously).
        Assert.Contains(data.Log.GroupBy(e => e), g => g.Count() > 1);
        Assert.Contains(data.Log.GroupBy(e => (e.User, e.Time)), g => g.Select(e => e.Item).Distinct().Count() > 1);
        Assert.Contains(data.Log, e => f.Item.IndexOf(e.Item) == Vocabulary.OutOfVocabulary);

        int empty = 0, truncated = 0;
        foreach (var task in DupnTaskNames.All)
        {
            var expected = data.Requests.Where(r => r.Task == task).Select(r => ReferenceFeaturizer.Featurize(f, data, r)).ToList();
            var actual = f.TransformStream(dataset, task, DatasetSplit.Train).ToList();
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
                BehaviorFeaturizerTests.AssertSame(expected[i], actual[i]);
            empty += expected.Count(r => r.Length == 0);
            truncated += expected.Count(r => r.Length == Options.MaxHistory);
        }
        Assert.True(empty > 20, $"only {empty} rows with an empty history");
        Assert.True(truncated > 100, $"only {truncated} rows cut to N");

        // The same rows again from the test split, through a fresh Dataset (a fresh index).
        var again = f.Transform(Dataset.Open(dir.Path), DupnTask.Ctr, DatasetSplit.Test);
        var reference = data.Requests.Where(r => r.Task == DupnTask.Ctr).Select(r => ReferenceFeaturizer.Featurize(f, data, r)).ToList();
        Assert.Equal(reference.Count, again.Count);
        for (int i = 0; i < reference.Count; i++)
            BehaviorFeaturizerTests.AssertSame(reference[i], again[i]);
    }

    [Fact]
    public void RowsOfOneWindowShareItsArraysAcrossFilesAndStillEqualTheReference()
    {
        var data = ParityDataset.Generate(2);
        using var dir = RepoPaths.NewTempDir();
        data.Write(dir.Path, 2);
        var dataset = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(dataset, Options);

        var shared = new SharedHistoryWindows();
        var rows = new List<(DupnTask Task, FeaturizedRow Row)>();
        foreach (var task in DupnTaskNames.All)
        {
            var expected = data.Requests.Where(r => r.Task == task).Select(r => ReferenceFeaturizer.Featurize(f, data, r)).ToList();
            var actual = f.Transform(dataset, task, DatasetSplit.Train, shared);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
                BehaviorFeaturizerTests.AssertSame(expected[i], actual[i]);
            rows.AddRange(actual.Select(r => (task, r)));
        }

        // One window per (user, timestamp) over every file, and rows of other windows never share.
        Assert.Contains(rows.GroupBy(r => (r.Row.UserId, r.Row.Timestamp)), w => w.Select(r => r.Task).Distinct().Count() > 1); // across files, not only within one
        var windows = rows.Select(r => r.Row).GroupBy(r => (r.UserId, r.Timestamp)).ToList();
        Assert.Equal(windows.Count, shared.Count);
        foreach (var window in windows)
        {
            var first = window.First();
            Assert.All(window, r => Assert.Same(first.HistoryItem, r.HistoryItem));
            Assert.All(window, r => Assert.Same(first.HistoryTags, r.HistoryTags));
            Assert.All(window, r => Assert.Same(first.HistoryTime, r.HistoryTime));
            Assert.All(window, r => Assert.Same(first.Profile, r.Profile));
        }
        var firsts = windows.Select(w => w.First()).ToList();
        var nonEmpty = firsts.Where(r => r.HistoryItem.Length > 0).ToList(); // empty windows all hold .NET's one empty array
        Assert.Equal(nonEmpty.Count, nonEmpty.Select(r => r.HistoryItem).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(firsts.Count, firsts.Select(r => r.Profile).Distinct(ReferenceEqualityComparer.Instance).Count());

        // Without an instance, a file's rows still share within it; a stream shares nothing.
        var ctr = f.Transform(dataset, DupnTask.Ctr, DatasetSplit.Train);
        // A window with history: empty ones hold .NET's one empty array however they were built.
        var repeated = ctr.GroupBy(r => (r.UserId, r.Timestamp)).First(g => g.Count() > 1 && g.First().HistoryItem.Length > 0).ToList();
        Assert.Same(repeated[0].HistoryItem, repeated[1].HistoryItem);
        var streamed = f.TransformStream(dataset, DupnTask.Ctr, DatasetSplit.Train).Where(r => r.UserId == repeated[0].UserId && r.Timestamp == repeated[0].Timestamp).ToList();
        Assert.NotSame(streamed[0].HistoryItem, streamed[1].HistoryItem);

        // One instance serves one log.
        var other = Dataset.Open(dir.Path); // the same files, but another index
        var error = Assert.Throws<ArgumentException>(() => f.Transform(other, DupnTask.Ctr, DatasetSplit.Train, shared));
        Assert.Contains("already hold windows of another dataset's log", error.Message);
    }

    [Fact]
    public void StreamingIsLazyAndAJoinErrorReachesTheCaller()
    {
        using var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir.Path, "behaviors.csv"), string.Join(",", DatasetSchema.BehaviorColumns) + "\nu,10,a,,,,,click,\n");
        var l2r = Enumerable.Range(0, 700).Select(i => $"u,{100 + i},,a,,,,,0.5|1,click,{i % 2}");
        File.WriteAllText(Path.Combine(dir.Path, "l2r.train.csv"), string.Join(",", DatasetSchema.TaskColumns(DupnTask.L2r)) + "\n" + string.Join("\n", l2r) + "\n");
        var f = BehaviorFeaturizer.Fit(Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"))); // m = 3

        var dataset = Dataset.Open(dir.Path);
        var stream = f.TransformStream(dataset, DupnTask.L2r, DatasetSplit.Train); // nothing read yet
        var ex = Assert.Throws<ArgumentException>(() => stream.ToList());
        Assert.Contains("has 2 ranking features; the featuriser was fitted with 3", ex.Message);

        var gone = Dataset.Open(dir.Path);
        File.Delete(gone.BehaviorsPath);
        var lazy = f.TransformStream(gone, DupnTask.L2r, DatasetSplit.Train); // still nothing read
        Assert.Throws<FileNotFoundException>(() => lazy.First());
    }
}
