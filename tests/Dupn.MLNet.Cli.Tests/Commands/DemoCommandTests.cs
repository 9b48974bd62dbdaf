using System.Text.RegularExpressions;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Cli.Tests.Commands;

/// <summary>The main job end to end, at a size that runs in about a minute.</summary>
[Collection("dupn commands")]
public class DemoCommandTests
{
    [Fact]
    public void DemoRunsEveryStepAndLeavesItsArtifacts()
    {
        using var temp = RepoPaths.NewTempDir();
        var (code, output, error) = CliRunner.Run("demo", "--out", temp.Path, "--users", "80", "--epochs", "1", "--seq-len", "15", "--threads", "1", "--deep-baselines");
        Assert.True(code == 0, error + output);
        for (int step = 1; step <= 7; step++)
            Assert.Contains($"[{step}/7]", output);
        foreach (string task in new[] { "ctr", "l2r", "ppp", "follow" })
            Assert.Matches(new Regex($@"single-task {task}: {task} (AUC 0\.\d{{3}}|acc \d+\.\d %) in \d+ s"), output);
        Assert.Matches(new Regex(@"^dupn-all\s", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^wide\s", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^lightgbm\s", RegexOptions.Multiline), output);
        foreach (string deep in new[] { "wide-deep", "dssm", "cnn-max" })
            Assert.Matches(new Regex($@"^{deep}\s", RegexOptions.Multiline), output);
        foreach (string protocol in new[] { "baseline", "RT (DUPN columns)", "RT (baseline + DUPN columns)", "RT (rep + shop)", "FT", "RS", "RA" })
            Assert.Matches(new Regex($@"^   {Regex.Escape(protocol)}: +shop_pref AUC 0\.\d{{4}}", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"reloaded: user \S+ prefers shop \S+ with probability 0\.\d{3}"), output);

        foreach (string file in new[] { "model/model.json", "onnx/user.onnx", "onnx/items.onnx", "onnx/full.onnx", "shop-preference.zip", "report/index.html", "metrics.json" })
            Assert.True(File.Exists(Path.Combine(temp.Path, file)), file);
        var models = MetricsJson.Read(Path.Combine(temp.Path, "metrics.json"));
        Assert.Contains("dupn-all", models.Keys);
        foreach (string key in new[] { "transfer-baseline", "transfer-rt", "transfer-rt-baseline", "transfer-rt-rep", "transfer-ft", "transfer-rs", "transfer-ra" })
            Assert.Contains(key, models.Keys);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(temp.Path, "report"), "*.png"));
        Assert.Contains("single-task", File.ReadAllText(Path.Combine(temp.Path, "report", "index.html")));
    }
}
