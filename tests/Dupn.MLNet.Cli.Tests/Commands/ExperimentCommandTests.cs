using System.Text.Json;
using System.Text.RegularExpressions;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Cli.Tests.Commands;

/// <summary>`dupn experiment` on a tiny generated dataset: every result file, with the numbers it promises.</summary>
public class ExperimentCommandTests
{
    [Fact]
    public void Table2RepeatsEveryModelOverTheSeedsAndWritesMeanAndSpread()
    {
        using var temp = RepoPaths.NewTempDir();
        string results = Path.Combine(temp.Path, "results");
        var (code, output, error) = CliRunner.Run("experiment", "--out", results, "--users", "100", "--run", "table2", "--seeds", "1,2",
            "--epochs", "1", "--seq-len", "10", "--variants", "nobp,all", "--baselines", "wide");
        Assert.True(code == 0, error);
        Assert.Contains("Generated 100 users", output);

        string md = File.ReadAllText(Path.Combine(results, "table2.md"));
        foreach (string model in new[] { "wide", "dupn-nobp", "dupn-all" })
            Assert.Matches(new Regex($@"^\| {model} \| .*\d\.\d{{4}} ± \d\.\d{{4}}", RegexOptions.Multiline), md);
        Assert.Contains("PPP accuracy", md);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "table2.json")));
        var ctr = json.RootElement.GetProperty("models").GetProperty("dupn-all").GetProperty("ctr");
        var values = ctr.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(2, values.Length);
        Assert.All(values, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Equal(values.Average(), ctr.GetProperty("mean").GetDouble(), 9);
    }

    [Fact]
    public void MultiTaskAndTransferWriteTheirCurvesAndProtocols()
    {
        using var temp = RepoPaths.NewTempDir();
        string results = Path.Combine(temp.Path, "results");
        var (code, _, error) = CliRunner.Run("experiment", "--out", results, "--users", "80", "--run", "mtl,transfer", "--seeds", "1",
            "--epochs", "2", "--seq-len", "10");
        Assert.True(code == 0, error);

        string mtl = File.ReadAllText(Path.Combine(results, "mtl.md"));
        foreach (string task in new[] { "CTR", "L2R", "PPP", "FOLLOW" })
        {
            Assert.Matches(new Regex($@"^\| {task} \| multi-task \| [^|]+ \| [^|]+ \|$", RegexOptions.Multiline), mtl);
            Assert.Matches(new Regex($@"^\| {task} \| single-task \| [^|]+ \| [^|]+ \|$", RegexOptions.Multiline), mtl);
            Assert.True(new FileInfo(Path.Combine(results, $"mtl-vs-stl-{task.ToLowerInvariant()}.png")).Length > 1000, task);
        }

        string transfer = File.ReadAllText(Path.Combine(results, "transfer.md"));
        foreach (string protocol in new[] { "baseline", "RT (DUPN columns)", "RT (baseline + DUPN columns)", "RT (rep + shop)", "FT", "RS", "RA" })
            Assert.Matches(new Regex($@"^\| {Regex.Escape(protocol)} \| [^|]+ \| 0\.\d{{4}} ± 0\.0000 \| \d+ \|$", RegexOptions.Multiline), transfer);
    }

    [Fact]
    public void VariantsNoneGivesABaselinesOnlyTable()
    {
        using var temp = RepoPaths.NewTempDir();
        string results = Path.Combine(temp.Path, "results");
        var (code, _, error) = CliRunner.Run("experiment", "--out", results, "--users", "100", "--run", "table2", "--seeds", "1",
            "--epochs", "1", "--seq-len", "10", "--variants", "none", "--baselines", "dssm");
        Assert.True(code == 0, error);

        string md = File.ReadAllText(Path.Combine(results, "table2.md"));
        Assert.Matches(new Regex(@"^\| dssm \| (\*\*)?0\.\d{4} ± 0\.0000(\*\*)? \|", RegexOptions.Multiline), md);
        Assert.DoesNotContain("dupn-", md);
    }

    [Theory]
    [InlineData(new[] { "experiment", "--users", "100" }, "dupn experiment: --out is required")]
    [InlineData(new[] { "experiment", "--out", "x", "--seeds", "1,two" }, "dupn experiment: --seeds has 'two'")]
    [InlineData(new[] { "experiment", "--out", "x", "--run", "table3" }, "dupn experiment: --run has 'table3'")]
    [InlineData(new[] { "experiment", "--out", "x", "--baselines", "deepfm" }, "dupn experiment: --baselines has 'deepfm'")]
    [InlineData(new[] { "experiment", "--out", "x", "--variants", "none,all" }, "dupn experiment: --variants none means no DUPN rows and cannot be combined with a variant.")]
    public void MistakesAreOneClearLine(string[] args, string expected)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Empty(output);
    }
}
