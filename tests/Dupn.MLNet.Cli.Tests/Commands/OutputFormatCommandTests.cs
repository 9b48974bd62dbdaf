using Dupn.MLNet.Tests;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Cli.Tests.Commands;

/// <summary>`--output-format parquet` of convert and generate: the library writes Parquet that reads back to the CSV rows.</summary>
[Collection("dupn commands")]
public class OutputFormatCommandTests
{
    [Fact]
    public void ConvertWritesParquetThatReadsAsTheCsvConversion()
    {
        string source = Path.Combine(RepoPaths.SharedData ?? throw new InvalidOperationException("../shared/data is missing"), "movielens-100k");
        using var dir = RepoPaths.NewTempDir();
        string csv = Path.Combine(dir.Path, "csv"), parquet = Path.Combine(dir.Path, "parquet");
        var (code, _, error) = CliRunner.Run("convert", "--format", "movielens", "--in", source, "--out", csv);
        Assert.True(code == 0, error);
        (code, var stdout, error) = CliRunner.Run("convert", "--format", "movielens", "--in", source, "--out", parquet, "--output-format", "parquet");
        Assert.True(code == 0, error);
        Assert.Contains("ppp.train.parquet", stdout);
        Assert.Empty(Directory.GetFiles(parquet, "*.csv"));
        Assert.True(File.Exists(Path.Combine(parquet, "behaviors.parquet")));
        Assert.True(File.Exists(Path.Combine(parquet, "users.parquet")));

        var a = Dataset.Open(csv);
        var b = Dataset.Open(parquet);
        Assert.Equal(DatasetFileFormat.Parquet, b.BehaviorsFormat);
        Assert.Equal(a.Behaviors().Select(x => (x.UserId, x.Timestamp, x.ItemId, string.Join("|", x.Tags), x.BehaviorType)),
            b.Behaviors().Select(x => (x.UserId, x.Timestamp, x.ItemId, string.Join("|", x.Tags), x.BehaviorType)));
        Assert.Equal(a.TaskRows(DupnTask.Ppp, DatasetSplit.Train).Select(r => (r.UserId, r.Timestamp, r.Level)),
            b.TaskRows(DupnTask.Ppp, DatasetSplit.Train).Select(r => (r.UserId, r.Timestamp, r.Level)));
        Assert.Equal(a.Users.Columns, b.Users.Columns);
    }

    [Fact]
    public void GenerateWritesParquetAndAnUnknownFormatIsAUsageError()
    {
        using var dir = RepoPaths.NewTempDir();
        var (code, stdout, error) = CliRunner.Run("generate", "--out", dir.Path, "--users", "30", "--output-format", "parquet");
        Assert.True(code == 0, error);
        Assert.Contains("ctr.train.parquet", stdout);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.csv"));
        Assert.NotEmpty(Dataset.Open(dir.Path).TaskRows(DupnTask.Ctr, DatasetSplit.Train));

        (code, _, error) = CliRunner.Run("convert", "--format", "movielens", "--in", dir.Path, "--out", "x", "--output-format", "orc");
        Assert.NotEqual(0, code);
        Assert.Contains("dupn convert: --output-format must be one of csv|parquet; got 'orc'", error);
    }
}
