using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Tests.Data;

public class DatasetReaderTests
{
    private static string Example => Path.Combine(RepoPaths.Root, "docs", "example-dataset");

    private static string Write(TempDir dir, string name, string text)
    {
        string path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ExampleDatasetReadsEveryFile()
    {
        var ds = Dataset.Open(Example);
        var behaviors = ds.Behaviors().ToList();
        Assert.Equal(7, behaviors.Count);
        Assert.Equal("i,30", behaviors[6].ItemId);
        Assert.Equal(["price_1", "\"quoted\" tag"], behaviors[6].Tags);
        Assert.Equal("", behaviors[4].Scene);
        Assert.Equal([DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow, DupnTask.ShopPref], ds.Tasks);
        var ctr = ds.TaskRows(DupnTask.Ctr, DatasetSplit.Train).ToList();
        Assert.Equal(["red", "dress"], ctr[0].Query);
        Assert.Equal(1, ctr[0].Label);
        var l2r = ds.TaskRows(DupnTask.L2r, DatasetSplit.Train).ToList();
        Assert.Equal([0.1f, 0f, 2.5f], l2r[1].Features);
        Assert.Equal("impression", l2r[1].BehaviorType);
        Assert.Equal(3, ds.TaskRows(DupnTask.Ppp, DatasetSplit.Train).First().Level);
        Assert.Equal(["style_2", "tt_4"], ds.TaskRows(DupnTask.Follow, DatasetSplit.Train).Single().TalentTags);
        Assert.Equal("s3", ds.TaskRows(DupnTask.ShopPref, DatasetSplit.Test).Single().ShopId);
        Assert.Equal(["gender", "age_level"], ds.Users.Columns);
        Assert.Equal(["m", ""], ds.Users.Get("u2")!);
    }

    [Theory]
    [InlineData("u1,17x,i1,s,b,c,,click,", 2, "timestamp", "not a unix timestamp")]
    [InlineData("u1,1,i1,s,b,c,,,", 2, "behavior_type", "empty but required")]
    [InlineData("u1,1,i1", 2, null, "3 fields where the header has 9")]
    public void BadBehaviorRowNamesFileLineAndColumn(string row, long line, string? column, string problem)
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, "behaviors.csv", string.Join(",", DatasetSchema.BehaviorColumns) + "\n" + row + "\n");
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path).ToList());
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(problem, ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Theory]
    [InlineData(DupnTask.Ctr, "u,5,,i,s,b,c,,3", "label", "must be 0 or 1")]
    [InlineData(DupnTask.Ppp, "u,5,,8", "level", "from 1 to 7")]
    [InlineData(DupnTask.L2r, "u,5,,i,s,b,c,,1|NaN,click,1", "features", "must be finite")]
    [InlineData(DupnTask.L2r, "u,5,,i,s,b,c,,1|abc,click,1", "features", "not a number")]
    public void BadTaskValuesAreNamed(DupnTask task, string row, string column, string problem)
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, "t.csv", string.Join(",", DatasetSchema.TaskColumns(task)) + "\n" + row + "\n");
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadTask(path, task).ToList());
        Assert.Equal(2, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void FeatureCountMustMatchTheFirstRow()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, "l2r.train.csv", string.Join(",", DatasetSchema.TaskColumns(DupnTask.L2r)) +
            "\nu,5,,i,s,b,c,,1|2|3,click,1\nu,6,,i,s,b,c,,1|2,click,0\n");
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadTask(path, DupnTask.L2r).ToList());
        Assert.Equal(3, ex.Line);
        Assert.Contains("2 ranking features where 3 are expected", ex.Message);
    }

    [Fact]
    public void UnknownTaskColumnIsRejectedAtTheHeader()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, "ppp.train.csv", "user_id,timestamp,query,level,extra\nu,1,,2,x\n");
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadTask(path, DupnTask.Ppp, new DatasetReadOptions { SkipBadRows = true }, new DatasetReadReport()).ToList());
        Assert.Equal(1, ex.Line);
        Assert.Equal("extra", ex.Column);
        Assert.Contains("unknown column 'extra'", ex.Message);
    }

    [Fact]
    public void SkippingBadRowsCountsThemPerFile()
    {
        using var dir = RepoPaths.NewTempDir();
        Write(dir, "behaviors.csv", string.Join(",", DatasetSchema.BehaviorColumns) +
            "\nu,1,i,s,b,c,,click,\nu,bad,i,s,b,c,,click,\nu,2,i,s,b,c,,click,\nu,3,i,s,b,c,,click,\n");
        Write(dir, "ctr.train.csv", string.Join(",", DatasetSchema.TaskColumns(DupnTask.Ctr)) +
            "\nu,5,,i,s,b,c,,1\nu,5,,i,s,b,c,,2\nu,5,,i,s,b,c,,x\n");
        var ds = Dataset.Open(dir.Path, new DatasetReadOptions { SkipBadRows = true });
        Assert.Equal(3, ds.Behaviors().Count());
        Assert.Single(ds.TaskRows(DupnTask.Ctr, DatasetSplit.Train));
        Assert.Equal(1, ds.Report.SkippedRows[ds.BehaviorsPath]);
        Assert.Equal(2, ds.Report.SkippedRows[ds.TaskPath(DupnTask.Ctr, DatasetSplit.Train)]);
        Assert.Equal(3, ds.Report.TotalSkipped);
        Assert.Contains(ds.Report.Messages, m => m.Contains("line 3, column 'timestamp'"));
        // A second pass (e.g. fit, then index) reports the same counts, not double.
        Assert.Equal(3, ds.Behaviors().Count());
        Assert.Equal(1, ds.Report.SkippedRows[ds.BehaviorsPath]);
        Assert.Equal(3, ds.Report.ReadRows[ds.BehaviorsPath]);
        Assert.Equal(3, ds.Report.Messages.Count);
    }

    [Fact]
    public void DuplicateUserProfileIsAnError()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, "users.csv", "user_id,gender\nu,f\nu,m\n");
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadUsers(path));
        Assert.Equal(3, ex.Line);
        Assert.Contains("already has a profile on line 2", ex.Message);
    }
}
