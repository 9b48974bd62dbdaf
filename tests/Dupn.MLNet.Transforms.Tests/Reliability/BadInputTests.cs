using System.Text;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Tests.Reliability;

/// <summary>
/// Issue 7, bad input: every malformed file gets a <see cref="DatasetFormatException"/> naming file, line,
/// column and what was expected. (Cases already covered in Data/DatasetReaderTests and
/// Data/CsvRecordReaderTests are not repeated here.)
/// </summary>
public sealed class BadInputTests
{
    private static readonly string BehaviorHeader = string.Join(",", DatasetSchema.BehaviorColumns);

    private static string Write(TempDir dir, string name, string text)
    {
        string path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static DatasetFormatException ReadBehaviorsFails(string text, out string path)
    {
        using var dir = RepoPaths.NewTempDir();
        path = Write(dir, "behaviors.csv", text);
        string p = path;
        return Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(p).ToList());
    }

    [Theory]
    [InlineData("user_id,time,item_id,shop_id,brand_id,category_id,tags,behavior_type,scene", "time", "column 2 is 'time' where 'timestamp' is expected")]
    [InlineData("user_id,timestamp,item_id,shop_id,brand_id,category_id,tags,behavior_type", "scene", "the header lacks column 'scene'")]
    [InlineData("user_id,timestamp,item_id,shop_id,brand_id,category_id,tags,behavior_type,scene,price", "price", "unknown column 'price'")]
    [InlineData("timestamp,user_id,item_id,shop_id,brand_id,category_id,tags,behavior_type,scene", "timestamp", "column 1 is 'timestamp' where 'user_id' is expected")]
    public void HeaderProblemsAreNamedAtLineOne(string header, string column, string problem)
    {
        var ex = ReadBehaviorsFails(header + "\nu1,1,i1,s,b,c,,click,\n", out string path);
        Assert.Equal(1, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(problem, ex.Message);
        Assert.Contains("expected: user_id,timestamp,item_id", ex.Message);
        Assert.StartsWith($"{path}, line 1, column '{column}':", ex.Message);
    }

    [Fact]
    public void EmptyFileIsAnErrorButAHeaderAloneIsAnEmptyTable()
    {
        var ex = ReadBehaviorsFails("", out string path);
        Assert.Equal($"{path}, line 1: the file is empty; it needs at least a header.", ex.Message);

        using var dir = RepoPaths.NewTempDir();
        Assert.Empty(DatasetReader.ReadBehaviors(Write(dir, "behaviors.csv", BehaviorHeader + "\n")));
        Assert.Empty(DatasetReader.ReadTask(Write(dir, "ctr.test.csv", string.Join(",", DatasetSchema.TaskColumns(DupnTask.Ctr))), DupnTask.Ctr));
    }

    [Fact]
    public void BytesThatAreNotUtf8AreLocatedNotReplaced()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir.Path, "behaviors.csv");
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(BehaviorHeader + "\nu1,1,i1,s,b,c,,click,\nu2,2,caf"));
        int offset = bytes.Count;
        bytes.Add(0xE9); // 'é' in Latin-1: not UTF-8
        bytes.AddRange(Encoding.UTF8.GetBytes(",s,b,c,,click,\n"));
        for (int i = 0; i < 20_000; i++) // enough after it that the decoder meets the bad byte mid-file
            bytes.AddRange(Encoding.UTF8.GetBytes($"u{i},3,i,s,b,c,,click,\n"));
        File.WriteAllBytes(path, bytes.ToArray());
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path).ToList());
        Assert.Equal(3, ex.Line);
        Assert.Equal($"{path}, line 3: byte 0xE9 at offset {offset} is not valid UTF-8; save the file as UTF-8.", ex.Message);

        // Not a bad row that SkipBadRows could skip: the file cannot be split into records from there on.
        var report = new DatasetReadReport();
        var skipping = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path, new DatasetReadOptions { SkipBadRows = true }, report).ToList());
        Assert.Equal(ex.Message, skipping.Message);
        Assert.Empty(report.SkippedRows);

        // A UTF-8 BOM is still skipped and real non-ASCII text still reads.
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(BehaviorHeader + "\nu1,1,café,s,b,c,,click,\n")]);
        Assert.Equal("café", DatasetReader.ReadBehaviors(path).Single().ItemId);
    }

    [Fact]
    public void UnclosedQuoteInAHugeFileStopsAtTheFieldLimitNamingTheLineItOpened()
    {
        // Without the limit the reader would swallow the rest of the file into one field before failing.
        var text = new StringBuilder(BehaviorHeader).Append("\nu1,1,i1,s,b,c,,click,\nu2,2,\"i2,s,b,c,,click,\n");
        while (text.Length < CsvRecordReader.MaxFieldLength + 200_000)
            text.Append("u3,3,i3,s,b,c,,click,\n");
        var ex = ReadBehaviorsFails(text.ToString(), out string path);
        Assert.Equal(3, ex.Line);
        Assert.Contains($"field 3 is longer than {CsvRecordReader.MaxFieldLength} characters (an unclosed quote", ex.Message);
    }

    [Theory]
    [InlineData("-5", "timestamp -5 is negative; timestamps are unix seconds since 1970-01-01.")]
    [InlineData("1700000000000", "timestamp 1700000000000 is after 2100-01-01 (4102444800); timestamps are unix seconds (is it in milliseconds?).")]
    [InlineData("9223372036854775807", "is after 2100-01-01")]
    [InlineData("1.7e9", "'1.7e9' is not a unix timestamp in whole seconds.")]
    [InlineData("", "'' is not a unix timestamp in whole seconds.")]
    [InlineData("99999999999999999999", "is not a unix timestamp")]
    public void TimestampsOutsideUnixSecondsAreNamed(string timestamp, string problem)
    {
        var ex = ReadBehaviorsFails($"{BehaviorHeader}\nu1,1,i1,s,b,c,,click,\nu1,{timestamp},i1,s,b,c,,click,\n", out _);
        Assert.Equal(3, ex.Line);
        Assert.Equal("timestamp", ex.Column);
        Assert.Contains(problem, ex.Problem);
    }

    [Fact]
    public void TimestampBoundsThemselvesAreAccepted()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, "behaviors.csv", $"{BehaviorHeader}\nu1,0,i1,s,b,c,,click,\nu1,{DatasetSchema.MaxTimestamp},i1,s,b,c,,click,\n");
        Assert.Equal([0L, DatasetSchema.MaxTimestamp], DatasetReader.ReadBehaviors(path).Select(b => b.Timestamp));
    }

    [Theory]
    [InlineData(DupnTask.Ppp, "u,5,,0", "level", "level '0' must be an integer from 1 to 7.")]
    [InlineData(DupnTask.Ppp, "u,5,,2.5", "level", "level '2.5' must be an integer from 1 to 7.")]
    [InlineData(DupnTask.Follow, "u,5,,t1,,-1", "label", "label '-1' must be 0 or 1.")]
    [InlineData(DupnTask.ShopPref, "u,5,,s1,2", "label", "label '2' must be 0 or 1.")]
    [InlineData(DupnTask.Ctr, "u,5,,i,s,b,c,,1.0", "label", "label '1.0' must be 0 or 1.")]
    [InlineData(DupnTask.L2r, "u,5,,i,s,b,c,,1|inf|2,click,1", "features", "feature 2 'inf' is not a number.")]
    [InlineData(DupnTask.L2r, "u,5,,i,s,b,c,,1|Infinity|2,click,1", "features", "feature 2 is Infinity; ranking features must be finite.")]
    [InlineData(DupnTask.L2r, "u,5,,i,s,b,c,,1|-Infinity|2,click,1", "features", "feature 2 is -Infinity; ranking features must be finite.")]
    [InlineData(DupnTask.L2r, "u,5,,i,s,b,c,,1|1e39|2,click,1", "features", "feature 2 is 1e39; ranking features must be finite.")]
    [InlineData(DupnTask.L2r, "u,5,,i,s,b,c,,1||2,click,1", "features", "feature 2 '' is not a number.")]
    [InlineData(DupnTask.L2r, "u,5,,i,s,b,c,,,click,1", "features", "is empty; L2R rows need at least one ranking feature.")]
    [InlineData(DupnTask.L2r, "u,-1,,i,s,b,c,,1|2|3,click,1", "timestamp", "timestamp -1 is negative")]
    public void TaskValuesOutOfRangeAreNamed(DupnTask task, string row, string column, string problem)
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, DatasetSchema.FileName(task, DatasetSplit.Train), string.Join(",", DatasetSchema.TaskColumns(task)) + "\n" + row + "\n");
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadTask(path, task).ToList());
        Assert.Equal(2, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(problem, ex.Problem);
        Assert.StartsWith($"{path}, line 2, column '{column}':", ex.Message);
    }

    [Fact]
    public void WrongFeatureCountAgainstTheConfiguredCountIsNamed()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, "l2r.train.csv", string.Join(",", DatasetSchema.TaskColumns(DupnTask.L2r)) + "\nu,5,,i,s,b,c,,1|2|3,click,1\n");
        var ex = Assert.Throws<DatasetFormatException>(() =>
            DatasetReader.ReadTask(path, DupnTask.L2r, new DatasetReadOptions { RankingFeatureCount = 26 }).ToList());
        Assert.Equal("has 3 ranking features where 26 are expected (the same count in every row).", ex.Problem);
    }

    [Fact]
    public void PppLevelLimitFollowsTheOptions()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Write(dir, "ppp.train.csv", "user_id,timestamp,query,level\nu,5,,4\n");
        var ex = Assert.Throws<DatasetFormatException>(() =>
            DatasetReader.ReadTask(path, DupnTask.Ppp, new DatasetReadOptions { PppLevels = 3 }).ToList());
        Assert.Equal("level '4' must be an integer from 1 to 3.", ex.Problem);
    }
}
