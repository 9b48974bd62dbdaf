using System.Globalization;
using System.Text.RegularExpressions;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Tests;
using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Cli.Tests.Commands;

/// <summary>
/// Every `dupn` command on a small dataset, and its error messages: one line on stderr naming the
/// thing and the fix, a non-zero exit, no stack trace.
/// </summary>
[Collection("dupn commands")]
public class CommandTests : IClassFixture<CommandTests.TrainedModel>
{
    /// <summary>One small dataset and one model trained on it, shared by the tests of this class.</summary>
    public sealed class TrainedModel : IDisposable
    {
        public TrainedModel()
        {
            var (code, output, error) = CliRunner.Run("generate", "--out", Data, "--users", "120", "--seed", "3");
            Assert.True(code == 0, error);
            Generated = output;
            (code, output, error) = CliRunner.Run("train", "--data", Data, "--out", Model, "--epochs", "1", "--seq-len", "20", "--threads", "1", "--json", Json);
            Assert.True(code == 0, error);
            Trained = output;
        }

        internal TempDir Folder { get; } = RepoPaths.NewTempDir();
        public string Data => Path.Combine(Folder.Path, "data");
        public string Model => Path.Combine(Folder.Path, "model");
        public string Json => Path.Combine(Folder.Path, "metrics.json");
        public string Generated { get; }
        public string Trained { get; }

        public void Dispose() => Folder.Dispose();
    }

    private readonly TrainedModel _fixture;

    public CommandTests(TrainedModel fixture) => _fixture = fixture;

    [Fact]
    public void GenerateWritesEveryTaskFile()
    {
        Assert.Contains("Generated 120 users", _fixture.Generated);
        foreach (string task in new[] { "ctr", "l2r", "ppp", "follow", "shop_pref" })
        {
            Assert.True(File.Exists(Path.Combine(_fixture.Data, $"{task}.train.csv")), task);
            Assert.True(File.Exists(Path.Combine(_fixture.Data, $"{task}.test.csv")), task);
        }
    }

    [Fact]
    public void TrainSavesAModelAndItsHeldOutMetrics()
    {
        Assert.Contains("Saved", _fixture.Trained);
        Assert.True(File.Exists(Path.Combine(_fixture.Model, "model.json")));
        var metrics = MetricsJson.Read(_fixture.Json)["dupn-all"];
        Assert.Equal(["ctr", "follow", "l2r", "ppp"], metrics.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(metrics["ctr"]["auc"], 0.0, 1.0);
        Assert.InRange(metrics["ppp"]["accuracy"], 0.0, 1.0);
        Assert.True(metrics["ctr"]["n"] > 0);
    }

    [Fact]
    public void EvaluatePrintsTheTableAndMergesIntoTheJson()
    {
        string json = Path.Combine(_fixture.Folder.Path, "evaluate.json");
        var (code, output, error) = CliRunner.Run("evaluate", "--model", _fixture.Model, "--data", _fixture.Data, "--json", json, "--name", "mine");
        Assert.True(code == 0, error);
        Assert.Matches(@"mine\s+0\.\d{4}", output);
        Assert.Contains("L2R AUC", output);
        // Same model, same test rows: evaluate repeats what training measured after its last epoch.
        Assert.Equal(MetricsJson.Read(_fixture.Json)["dupn-all"]["ctr"]["auc"], MetricsJson.Read(json)["mine"]["ctr"]["auc"], 6);
    }

    [Fact]
    public void EvaluateWritesPredictionsThatCompareTellsApart()
    {
        string json = Path.Combine(_fixture.Folder.Path, "evaluate-predictions.json");
        string predictions = Path.Combine(_fixture.Folder.Path, "dupn-predictions");
        var (code, _, error) = CliRunner.Run("evaluate", "--model", _fixture.Model, "--data", _fixture.Data, "--json", json, "--name", "mine",
            "--predictions", predictions);
        Assert.True(code == 0, error);
        Assert.Equal(["mine.ctr.csv", "mine.follow.csv", "mine.l2r.csv", "mine.ppp.csv"],
            Directory.GetFiles(predictions).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The files give the printed metrics back: PPP's accuracy, CTR's AUC (the score is the logit's sigmoid).
        var metrics = MetricsJson.Read(json)["mine"];
        var ppp = PredictionsCsv.Read(Path.Combine(predictions, "mine.ppp.csv"));
        Assert.Equal(File.ReadAllLines(Path.Combine(_fixture.Data, "ppp.test.csv")).Length - 1, ppp.Count);
        Assert.Equal(metrics["ppp"]["accuracy"], Enumerable.Range(0, ppp.Count).Count(ppp.LevelCorrect) / (double)ppp.Count, 6);
        string ctrFile = Path.Combine(predictions, "mine.ctr.csv");
        var ctr = PredictionsCsv.Read(ctrFile);
        Assert.Equal(metrics["ctr"]["auc"], Trainers.Evaluation.BinaryMetrics.Auc(ctr.Scores!, ctr.Labels.Select(l => (float)l).ToList()), 6);
        Assert.All(ctr.Scores!, s => Assert.InRange(s, 0.0, 1.0));

        // A model against itself differs by nothing.
        (code, string output, error) = CliRunner.Run("compare", "--a", Path.Combine(predictions, "mine.ppp.csv"), "--b", Path.Combine(predictions, "mine.ppp.csv"));
        Assert.True(code == 0, error);
        Assert.Contains("a - b 0.00 points", output);
        Assert.Contains("only a right on 0 rows, only b on 0; McNemar exact p = 1.0000", output);

        // Against the same scores reversed: AUC 1 - AUC, and a difference DeLong's test sees.
        string reversed = Path.Combine(_fixture.Folder.Path, "reversed.ctr.csv");
        File.WriteAllLines(reversed, File.ReadAllLines(ctrFile).Select((line, i) =>
        {
            if (i == 0) return line;
            var cells = line.Split(',');
            cells[3] = (1 - double.Parse(cells[3], CultureInfo.InvariantCulture)).ToString("R", CultureInfo.InvariantCulture);
            return string.Join(',', cells);
        }));
        (code, output, error) = CliRunner.Run("compare", "--a", ctrFile, "--b", reversed);
        Assert.True(code == 0, error);
        double auc = metrics["ctr"]["auc"];
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"AUC a {auc:F4}, b {1 - auc:F4}"), output);
        Assert.Matches(@"DeLong z = -?\d+\.\d\d, p (= \d|< )", output);

        // Different tasks, or rows out of order, are refused by name.
        (code, _, error) = CliRunner.Run("compare", "--a", ctrFile, "--b", Path.Combine(predictions, "mine.ppp.csv"));
        Assert.Equal(1, code);
        Assert.Contains("holds a binary task's scores", error);
        string shuffled = Path.Combine(_fixture.Folder.Path, "shuffled.ctr.csv");
        var lines = File.ReadAllLines(ctrFile);
        File.WriteAllLines(shuffled, lines.Take(1).Concat(lines.Skip(1).Reverse()));
        (code, _, error) = CliRunner.Run("compare", "--a", ctrFile, "--b", shuffled);
        Assert.Equal(1, code);
        Assert.Contains("Line 2 is the row", error);
        File.WriteAllLines(shuffled, lines.Take(2).Append("u1,100,1"));
        (code, _, error) = CliRunner.Run("compare", "--a", ctrFile, "--b", shuffled);
        Assert.Equal(1, code);
        Assert.Contains("shuffled.ctr.csv, line 3: 3 fields; the header has 4", error);
    }

    [Fact]
    public void BaselinesCompareOnTheSameTasks()
    {
        string json = Path.Combine(_fixture.Folder.Path, "baselines.json");
        string predictions = Path.Combine(_fixture.Folder.Path, "baseline-predictions");
        var (code, output, error) = CliRunner.Run("baselines", "--data", _fixture.Data, "--models", "wide", "--seq-len", "20", "--json", json,
            "--predictions", predictions);
        Assert.True(code == 0, error);
        Assert.Contains("wide", output);
        var wide = MetricsJson.Read(json)["wide"];
        Assert.Equal(["ctr", "follow", "l2r", "ppp"], wide.Keys.Order(StringComparer.Ordinal));

        // The predictions, row by row in the test file's order, give the printed metrics back.
        Assert.Equal(["wide.ctr.csv", "wide.follow.csv", "wide.l2r.csv", "wide.ppp.csv"],
            Directory.GetFiles(predictions).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string[] ppp = File.ReadAllLines(Path.Combine(predictions, "wide.ppp.csv"));
        string[] pppTest = File.ReadAllLines(Path.Combine(_fixture.Data, "ppp.test.csv"));
        Assert.Equal("user_id,timestamp,level,p1,p2,p3,p4,p5,p6,p7", ppp[0]);
        Assert.Equal(pppTest.Length, ppp.Length);
        int right = 0;
        foreach (var (line, row) in ppp.Zip(pppTest).Skip(1))
        {
            string[] cells = line.Split(',');
            Assert.Equal(string.Join(',', row.Split(',')[..2]), string.Join(',', cells[..2])); // user_id, timestamp
            double[] p = cells[3..].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(1.0, p.Sum(), 4);
            right += Array.IndexOf(p, p.Max()) + 1 == int.Parse(cells[2], CultureInfo.InvariantCulture) ? 1 : 0;
        }
        Assert.Equal(wide["ppp"]["accuracy"], (double)right / (ppp.Length - 1), 6);
        string[] ctr = File.ReadAllLines(Path.Combine(predictions, "wide.ctr.csv"));
        Assert.Equal("user_id,timestamp,label,score", ctr[0]);
        Assert.Equal(File.ReadAllLines(Path.Combine(_fixture.Data, "ctr.test.csv")).Length, ctr.Length);
        Assert.All(ctr.Skip(1), line => Assert.InRange(double.Parse(line.Split(',')[3], CultureInfo.InvariantCulture), 0.0, 1.0));
    }

    [Fact]
    public void BaselinesRunTheDeepModelsAndKeyThemByName()
    {
        string json = Path.Combine(_fixture.Folder.Path, "deep-baselines.json");
        var (code, output, error) = CliRunner.Run("baselines", "--data", _fixture.Data, "--models", "wide-deep,dssm,cnn-max", "--compact",
            "--epochs", "1", "--threads", "1", "--seq-len", "20", "--json", json);
        Assert.True(code == 0, error);
        foreach (string model in new[] { "wide-deep", "dssm", "cnn-max" })
            Assert.Matches(new Regex($@"^{model}\s+", RegexOptions.Multiline), output);
        var models = MetricsJson.Read(json);
        Assert.Equal(["cnn-max", "dssm", "wide-deep"], models.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["ctr", "follow", "l2r", "ppp"], models["wide-deep"].Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["ctr", "follow", "l2r", "ppp"], models["cnn-max"].Keys.Order(StringComparer.Ordinal));
        // DSSM compares a user with a candidate: PPP has none and L2R scores a feature vector.
        Assert.Equal(["ctr", "follow"], models["dssm"].Keys.Order(StringComparer.Ordinal));
        Assert.InRange(models["cnn-max"]["ppp"]["accuracy"], 0.0, 1.0);
        Assert.InRange(models["dssm"]["ctr"]["auc"], 0.0, 1.0);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("items")]
    [InlineData("full")]
    public void ExportWritesAnOnnxGraph(string part)
    {
        string file = Path.Combine(_fixture.Folder.Path, $"{part}.onnx");
        var (code, output, error) = CliRunner.Run("export", "--model", _fixture.Model, "--out", file, "--part", part);
        Assert.True(code == 0, error);
        Assert.Contains($"Wrote the {part} graph", output);
        Assert.True(new FileInfo(file).Length > 10_000);
    }

    [Fact]
    public void PaperFlagsTrainThePapersHeadsAndRep()
    {
        // The fixture's model has our defaults; --paper-heads --paper-rep must give the paper's network.
        var ours = Trainers.DupnModel.Load(_fixture.Model).Architecture;
        Assert.True(ours.CandidateInteraction && ours.SignedL2rWeights && ours.QueryInRepresentation && ours.HistoryCountsInRepresentation);
        Assert.True(ours.CtrScoreAsRankingFeature); // the fixture trains every task, CTR and L2R among them
        Assert.True(ours.PppReadsProfileAndCounts);
        Assert.Equal(364, ours.RepresentationDim); // [rep_s ; u ; q ; c]

        string model = Path.Combine(_fixture.Folder.Path, "paper-model");
        var (code, _, error) = CliRunner.Run("train", "--data", _fixture.Data, "--out", model, "--tasks", "ctr,l2r,ppp", "--epochs", "1",
            "--seq-len", "20", "--threads", "1", "--paper-heads", "--paper-rep");
        Assert.True(code == 0, error);
        var paper = Trainers.DupnModel.Load(model).Architecture;
        Assert.False(paper.CandidateInteraction);
        Assert.False(paper.SignedL2rWeights);
        Assert.False(paper.QueryInRepresentation);
        Assert.False(paper.HistoryCountsInRepresentation);
        Assert.False(paper.CtrScoreAsRankingFeature);
        Assert.False(paper.PppReadsProfileAndCounts);
        Assert.Equal(256, paper.RepresentationDim); // rep = [rep_s ; u]
    }

    [Fact]
    public void PppLinearFlagTrainsThePppHeadsLinearPath()
    {
        Assert.False(Trainers.DupnModel.Load(_fixture.Model).Architecture.PppLinearPath); // off by default

        string model = Path.Combine(_fixture.Folder.Path, "ppp-linear-model");
        var (code, _, error) = CliRunner.Run("train", "--data", _fixture.Data, "--out", model, "--tasks", "ppp", "--epochs", "1",
            "--seq-len", "20", "--threads", "1", "--ppp-linear");
        Assert.True(code == 0, error);
        var trained = Trainers.DupnModel.Load(model);
        Assert.True(trained.Architecture.PppLinearPath);
        var linear = trained.Weights["ppp.linear"];
        Assert.Equal([trained.Architecture.PppLevels, trained.Architecture.PppInputDim], linear.Shape);
        Assert.Contains(linear.Values, v => v != 0f); // it starts at zero and PPP's steps moved it
    }

    [Fact]
    public void DimsSizeTheTrainedNetwork()
    {
        string model = Path.Combine(_fixture.Folder.Path, "sized-model");
        var (code, _, error) = CliRunner.Run("train", "--data", _fixture.Data, "--out", model, "--tasks", "ctr,ppp", "--epochs", "1",
            "--seq-len", "20", "--threads", "1", "--dims", "tag=12,hidden=16,profile=8,counts-tag=10");
        Assert.True(code == 0, error);
        var loaded = Trainers.DupnModel.Load(model);
        var sized = loaded.Architecture;
        Assert.Equal((12, 16, 8, 10), (sized.TagDim, sized.Hidden, sized.ProfileDim, sized.CountsTagDim));
        Assert.Equal((32, 16, 64), (sized.ItemDim, sized.CategoryDim, sized.QueryDim)); // the rest stay the paper's
        Assert.Equal([sized.TagVocabulary + 2, 12], loaded.Weights["embeddings.tag.weight"].Shape);
        Assert.Equal([sized.TagVocabulary + 2, 10], loaded.Weights["embeddings.counts_tag.weight"].Shape);
        Assert.Equal(16 + 8 + 64 + 16 + 10, sized.RepresentationDim); // c = [category ; counts tags]
    }

    [Fact]
    public void ResumingAtAnotherLearningRateWarnsOnStandardError()
    {
        string model = Path.Combine(_fixture.Folder.Path, "resumed-model");
        string[] Train(string epochs, string rate) => ["train", "--data", _fixture.Data, "--out", model, "--tasks", "ctr", "--epochs", epochs,
            "--seq-len", "20", "--threads", "1", "--lr", rate, "--resume"];
        var (code, _, error) = CliRunner.Run(Train("1", "0.01"));
        Assert.True(code == 0, error);
        Assert.DoesNotContain("warning", error);
        (code, _, error) = CliRunner.Run(Train("2", "0.005"));
        Assert.True(code == 0, error);
        Assert.Contains("dupn train: warning: Resuming with other learning rates than the checkpoint", error);
        Assert.Contains("(ctr 0.01; now: ctr 0.005)", error);
    }

    [Fact]
    public void EmbedWritesOneRowPerUserWithTheFloatsOfRep()
    {
        string csv = Path.Combine(_fixture.Folder.Path, "embeddings.csv");
        var (code, output, error) = CliRunner.Run("embed", "--model", _fixture.Model, "--data", _fixture.Data, "--out", csv);
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(csv);
        // rep = [rep_s ; u ; q ; c] = 128 + 128 + 64 + 44 with the trainer's default (q and the counts in rep)
        Assert.Equal("user_id,timestamp," + string.Join(",", Enumerable.Range(0, 364).Select(i => $"e{i}")), lines[0]);
        Assert.Equal(120, lines.Length - 1);
        Assert.Contains("Wrote 120 user embeddings", output);
        var values = lines[1].Split(',').Skip(2).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(364, values.Length);
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ConvertMakesADatasetFromMovieLens()
    {
        string source = Path.Combine(RepoPaths.SharedData ?? throw new InvalidOperationException("../shared/data is missing"), "movielens-100k");
        string output = Path.Combine(_fixture.Folder.Path, "movielens");
        var (code, stdout, error) = CliRunner.Run("convert", "--format", "movielens", "--in", source, "--out", output);
        Assert.True(code == 0, error);
        Assert.Contains("Converted 100000 input rows", stdout);
        Assert.Contains("not derived: l2r", stdout);
        Assert.True(File.Exists(Path.Combine(output, "ppp.train.csv")));
    }

    [Theory]
    [InlineData("baseline", "baseline")]
    [InlineData("rt", "RT (DUPN columns)")]
    [InlineData("rt-baseline", "RT (baseline + DUPN columns)")]
    [InlineData("rt-rep", "RT (rep + shop)")]
    [InlineData("ft", "FT")]
    [InlineData("rs", "RS")]
    public void TransferRunsEachProtocolOnShopPreference(string protocol, string label)
    {
        string json = Path.Combine(_fixture.Folder.Path, $"transfer-{protocol}.json");
        string predictions = Path.Combine(_fixture.Folder.Path, $"transfer-{protocol}.csv");
        var (code, output, error) = CliRunner.Run("transfer", "--model", _fixture.Model, "--data", _fixture.Data, "--protocol", protocol, "--epochs", "1",
            "--json", json, "--predictions", predictions);
        Assert.True(code == 0, error);
        Assert.Matches(new Regex($@"^{Regex.Escape(label)}: shop_pref AUC 0\.\d{{4}}", RegexOptions.Multiline), output);
        Assert.InRange(MetricsJson.Read(json)["transfer-" + protocol]["shop_pref"]["auc"], 0.0, 1.0);

        // One score per test row, keyed and ordered as the test file, whatever the protocol: `dupn compare` pairs them.
        var written = File.ReadAllLines(predictions);
        Assert.Equal("user_id,timestamp,label,score", written[0]);
        var test = File.ReadAllLines(Path.Combine(_fixture.Data, "shop_pref.test.csv")).Skip(1).Select(l => string.Join(',', l.Split(',').Take(2)));
        Assert.Equal(test, written.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
    }

    [Fact]
    public void TransferRtLearnerCanBeTheBaselinesLightGbm()
    {
        string json = Path.Combine(_fixture.Folder.Path, "transfer-lightgbm.json");
        var (code, output, error) = CliRunner.Run("transfer", "--model", _fixture.Model, "--data", _fixture.Data, "--protocol", "rt-baseline", "--learner", "lightgbm", "--json", json);
        Assert.True(code == 0, error);
        Assert.Matches(new Regex(@"^RT \(baseline \+ DUPN columns\), lightgbm: shop_pref AUC 0\.\d{4} \(\d+ test rows\)", RegexOptions.Multiline), output);
        Assert.InRange(MetricsJson.Read(json)["transfer-rt-baseline-lightgbm"]["shop_pref"]["auc"], 0.0, 1.0);

        (code, _, error) = CliRunner.Run("transfer", "--model", _fixture.Model, "--data", _fixture.Data, "--protocol", "ft", "--learner", "lightgbm");
        Assert.Equal(2, code);
        Assert.Contains("--learner applies to rt and rt-baseline, not ft", error);
    }

    [Fact]
    public void TransferPredictionsOfTwoProtocolsArePairedByCompare()
    {
        string Predict(string protocol)
        {
            string path = Path.Combine(_fixture.Folder.Path, $"paired-{protocol}.csv");
            var (code, _, error) = CliRunner.Run("transfer", "--model", _fixture.Model, "--data", _fixture.Data, "--protocol", protocol, "--predictions", path);
            Assert.True(code == 0, error);
            return path;
        }
        var (exit, output, stderr) = CliRunner.Run("compare", "--a", Predict("baseline"), "--b", Predict("rt"));
        Assert.True(exit == 0, stderr);
        Assert.Contains("DeLong", output);
    }

    [Fact]
    public void ReportDrawsThePlotsOfTheModel()
    {
        string folder = Path.Combine(_fixture.Folder.Path, "report");
        var (code, output, error) = CliRunner.Run("report", "--model", _fixture.Model, "--data", _fixture.Data, "--out", folder, "--metrics", _fixture.Json);
        Assert.True(code == 0, error);
        Assert.Contains("Wrote", output);
        string html = File.ReadAllText(Path.Combine(folder, "index.html"));
        foreach (string png in Directory.GetFiles(folder, "*.png").Select(p => Path.GetFileName(p)))
            Assert.Contains(png, html);
        Assert.True(File.Exists(Path.Combine(folder, "attention-by-property.png")));
        Assert.True(File.Exists(Path.Combine(folder, "ppp-levels.png")));
        Assert.Contains("dupn-all", html);
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["trian"], "dupn: unknown command 'trian'" },
        { ["generate", "--users", "3"], "dupn generate: --out is required" },
        { ["generate", "--out", "x", "--userz", "3"], "dupn generate: unknown flag --userz" },
        { ["generate", "--out", "x", "--users", "many"], "dupn generate: --users must be a whole number; got 'many'" },
        { ["train", "--data", "/no/such/folder", "--out", "m"], "dupn train: --data '/no/such/folder' is not a folder" },
        { ["train", "--data", ".", "--out", "m", "--variant", "deep"], "dupn train: --variant must be one of all|nobp|bplstm|bpatt|w2v; got 'deep'" },
        { ["train", "--data", ".", "--out", "m", "--tasks", "ctr,clicks"], "dupn train: --tasks has 'clicks'" },
        { ["train", "--data", ".", "--out", "m", "--epochs", "0"], "dupn train: --epochs must be between 1 and 10000; got 0" },
        { ["train", "--data", ".", "--out", "m", "--repeat", "folow=3"], "dupn train: --repeat has 'folow=3'; each item must be KEY=N with KEY one of ctr,l2r,ppp,follow,shop_pref" },
        { ["train", "--data", ".", "--out", "m", "--repeat", "follow=0"], "dupn train: --repeat has 'follow=0'; N must be a whole number from 1 to 1000" },
        { ["train", "--data", ".", "--out", "m", "--repeat", "follow=2,follow=3"], "dupn train: --repeat names follow twice" },
        { ["train", "--data", ".", "--out", "m", "--dims", "tags=8"], "dupn train: --dims has 'tags=8'; each item must be KEY=N with KEY one of item,shop,brand,category,tag,scene,time,type,query,profile,hidden,attention1,attention2,item-tower,talent,shop-pref,head-hidden,counts-tag" },
        { ["train", "--data", ".", "--out", "m", "--dims", "tag=0"], "dupn train: --dims has 'tag=0'; N must be a whole number from 1 to 65536" },
        { ["train", "--data", ".", "--out", "m", "--from", ".", "--dims", "tag=8"], "dupn train: --dims sizes a new network; --from continues the model's own (leave one out)." },
        { ["train", "--data", ".", "--out", "m", "--task-lr-factor", "ppp=0"], "dupn train: --task-lr-factor has 'ppp=0'; X must be a number above 0 and at most 1000" },
        { ["train", "--data", ".", "--out", "m", "--task-lr-factor", "ppp"], "dupn train: --task-lr-factor has 'ppp'; each item must be KEY=X with KEY one of ctr,l2r,ppp,follow,shop_pref" },
        { ["convert", "--format", "csv", "--in", ".", "--out", "x"], "dupn convert: --format must be one of taobao|tmall|movielens; got 'csv'" },
        { ["export", "--model", "/no/such/model", "--out", "m.onnx"], "dupn export: --model '/no/such/model' is not a folder" },
        { ["evaluate", "--model", ".", "--data", "."], "is not a Dupn.MLNet model folder" },
        { ["transfer", "--model", ".", "--data", "."], "dupn transfer: --protocol is required" },
        { ["compare", "--a", "/no/such.csv", "--b", "x.csv"], "dupn compare: --a '/no/such.csv' does not exist; give the path of a predictions file" },
        { ["report", "--model", ".", "--data", "."], "dupn report: --out is required" },
        { ["baselines", "--data", ".", "--models", "wide,deep"], "dupn baselines: --models has 'deep'; each item must be one of wide,wide-deep,dssm,cnn-max,lightgbm" },
        { ["baselines", "--data", ".", "--threads", "-1"], "dupn baselines: --threads must be between 0 and 1024; got -1" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void MistakesGetOneClearLineAndANonZeroExit(string[] args, string expected)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
        Assert.Empty(output);
    }

    [Fact]
    public void AMalformedDatasetNamesTheFileAndLine()
    {
        using var temp = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(temp.Path, "behaviors.csv"),
            "user_id,timestamp,item_id,shop_id,brand_id,category_id,tags,behavior_type,scene\nu1,yesterday,i1,s1,b1,c1,,click,search\n");
        File.WriteAllText(Path.Combine(temp.Path, "ctr.train.csv"), "user_id,timestamp,query,item_id,shop_id,brand_id,category_id,tags,label\nu1,100,,i1,s1,b1,c1,,1\n");
        var (code, _, error) = CliRunner.Run("train", "--data", temp.Path, "--out", Path.Combine(temp.Path, "m"));
        Assert.Equal(1, code);
        Assert.Contains("behaviors.csv", error);
        Assert.Matches(new Regex("line 2"), error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void HelpListsEveryCommand()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        foreach (string command in new[] { "generate", "convert", "train", "evaluate", "baselines", "compare", "transfer", "export", "embed", "report", "bench", "demo" })
            Assert.Matches(new Regex($"^  {command} ", RegexOptions.Multiline), output);
    }

    [Fact]
    public void TrainHelpNamesEveryDimensionThatDimsTakes()
    {
        var (code, output, _) = CliRunner.Run("train", "--help");
        Assert.Equal(0, code);
        // The --dims paragraph: from its flag to the next flag.
        var dims = Regex.Match(output, @"--dims .*?(?=\n\s+--)", RegexOptions.Singleline).Value;
        var listed = Regex.Matches(dims, @"[a-z][a-z0-9-]*").Select(m => m.Value).ToHashSet();
        foreach (string name in Dupn.MLNet.Trainers.DupnDimensions.Names)
            Assert.True(listed.Contains(name), $"dupn train --help does not name the dimension '{name}' under --dims:\n{dims}");
    }
}
