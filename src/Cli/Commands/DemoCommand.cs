using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Cli.Report;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers;
using Dupn.MLNet.Trainers.Transfer;
using Microsoft.ML;
using Dupn.MLNet.Trainers.Baselines;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>
/// `dupn demo`, the main job: generate data, train DUPN-all, compare with the baselines like the
/// paper's Table 2, run the transfer protocols, export ONNX, build, save, reload and use an ML.NET
/// pipeline on the user embedding, and write the report.
/// </summary>
public sealed class DemoCommand : DupnCommand
{
    private readonly Option<string?> _out = Flag.Text("--out", "DIR", "where everything goes (default ./dupn-demo)");
    private readonly Option<int> _users = Flag.Int("--users", "N", "generated users", 400, min: 50, max: 1_000_000);
    private readonly Option<int> _epochs = Flag.Int("--epochs", "E", "DUPN training epochs (transfer protocols train 2)", 2, min: 1, max: 1000);
    private readonly Option<int> _seqLen = Flag.Int("--seq-len", "N", "behaviours kept per history (the paper's is 100)", 30, min: 1, max: 10_000);
    private readonly Option<int> _seed = Flag.Int("--seed", "S", "seed of generation and training", 42);
    private readonly Option<int> _threads = CommonFlags.Threads(
        "libtorch CPU threads, 0 = one per core (1 by default: at these sizes libtorch's spinning worker threads cost more than they bring)", 1);
    private readonly Option<bool> _deepBaselines = Flag.Switch("--deep-baselines",
        "also train Wide&Deep, DSSM and CNN-max (compact sizes, 3 epochs); off by default: they add about a minute on 2 cores, and `dupn baselines` runs them at the paper's sizes");

    public DemoCommand() : base("demo", "the whole story on generated data: train, compare, transfer, export, ML.NET, report")
    {
        Optional(_out, _users, _epochs, _seqLen, _seed, _threads, _deepBaselines);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string outDir = Path.GetFullPath(parsed.GetValue(_out) ?? "dupn-demo");
        int users = parsed.GetValue(_users);
        int epochs = parsed.GetValue(_epochs);
        int seqLen = parsed.GetValue(_seqLen);
        int seed = parsed.GetValue(_seed);
        int threads = parsed.GetValue(_threads);
        bool deepBaselines = parsed.GetValue(_deepBaselines);

        var total = Stopwatch.StartNew();
        var o = context.Out;
        Directory.CreateDirectory(outDir);
        string dataDir = Path.Combine(outDir, "data"), modelDir = Path.Combine(outDir, "model");

        Step(o, 1, $"Generate {users} Taobao-like users");
        var summary = TaobaoLikeGenerator.Generate(dataDir, new TaobaoLikeGeneratorOptions { Users = users, Seed = seed });
        o.WriteLine($"   {summary.Behaviors} behaviours; task rows: {string.Join(", ", summary.TaskRows.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        var dataset = Dataset.Open(dataDir);
        var mlContext = new MLContext(seed);
        var featurizerOptions = new BehaviorFeaturizerOptions { MaxHistory = seqLen };
        DupnTrainerOptions Trainer(int e) => new() { Epochs = e, Seed = seed, Threads = threads, CheckpointDirectory = null };
        DupnTrainerOptions FineTuning() => new() { Epochs = 2, LearningRate = DupnFineTuningOptions.RecommendedLearningRate, Seed = seed, Threads = threads, CheckpointDirectory = null };

        Step(o, 2, "Train DUPN-all on CTR, L2R, PPP and FOLLOW together, then each task alone");
        var clock = Stopwatch.StartNew();
        var run = DupnModelTrainer.Train(mlContext, dataset, new DupnModelTrainingOptions { Featurizer = featurizerOptions, Trainer = Trainer(epochs) },
            new EpochPrinter(o));
        run.Model.Save(modelDir);
        run.Network.Dispose();
        o.WriteLine($"   trained in {clock.Elapsed.TotalSeconds:F0} s; saved {modelDir}");
        // The paper's multi-task vs single-task comparison: the same network on each task alone (for the report's curves).
        var singleTaskRuns = new List<(string Model, DupnModelInfo Info)>();
        foreach (var task in run.Model.Architecture.Tasks)
        {
            clock.Restart();
            var single = DupnModelTrainer.Train(mlContext, dataset,
                new DupnModelTrainingOptions { Tasks = [task], SingleTask = true, Featurizer = featurizerOptions, Trainer = Trainer(epochs) });
            single.Network.Dispose();
            singleTaskRuns.Add(("single-task", single.Model.Info));
            o.WriteLine($"   single-task {DupnTaskNames.Of(task)}: {EpochPrinter.ModelSummary(single.Result.Epochs[^1].Metrics[0])} in {clock.Elapsed.TotalSeconds:F0} s");
        }

        Step(o, 3, "Baselines on the same data and split, and the paper-style table");
        var comparison = new Dictionary<string, List<TaskMetrics>>(StringComparer.Ordinal)
        {
            [run.Model.Architecture.Variant.ModelName()] = ModelComparison.Evaluate(run.Model, dataset),
        };
        var baselines = deepBaselines
            ? BaselineRegistry.Create(mlContext, BaselineRegistry.Names, new DeepBaselineSettings(seed, Epochs: 3, threads, Compact: true))
            : BaselineRegistry.Create(mlContext, BaselineRegistry.FastNames);
        foreach (var (name, metrics) in ModelComparison.RunBaselines(dataset, run.Model.Featurizer, baselines, DupnModelTrainer.PretrainingTasks))
            comparison[name] = metrics;
        ModelComparison.PrintTable(o, comparison);
        string metricsPath = Path.Combine(outDir, "metrics.json");
        MetricsJson.Write(metricsPath, comparison.ToDictionary(p => p.Key, p => (IReadOnlyList<TaskMetrics>)p.Value));

        Step(o, 4, "Transfer to shop preference: the store-preference baseline, RT (ML.NET on DUPN columns), FT, RS, RA");
        var (rtModel, rt, rtTest) = ShopPreferenceRt.Fit(mlContext, run.Model, dataset);
        var transfer = new List<TransferResult>
        {
            ShopPreferenceCandidateRt.Baseline(mlContext, run.Model.Featurizer, dataset),
            ShopPreferenceCandidateRt.Fit(mlContext, run.Model, dataset).Result,
            ShopPreferenceCandidateRt.FitWithBaseline(mlContext, run.Model, dataset),
            rt,
            DupnTransfer.FineTune(mlContext, run.Model, dataset, FineTuning()),
            DupnTransfer.RetrainSingle(mlContext, run.Model, dataset, FineTuning()),
        };
        // RA reads the histories the other protocols read (N = 100), so that only the training differs.
        var retrainAll = new BehaviorFeaturizerOptions { MaxHistory = new DupnFineTuningOptions().HistoryLength };
        transfer.Add(DupnTransfer.RetrainAll(mlContext, dataset, new DupnModelTrainingOptions { Featurizer = retrainAll, Trainer = Trainer(2) }));
        int width = transfer.Max(t => t.Protocol.Length) + 1;
        foreach (var t in transfer)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {(t.Protocol + ":").PadRight(width)} shop_pref AUC {t.Metrics.Auc:F4} in {t.Elapsed.TotalSeconds:F1} s{TransferCommand.Kept(t)}"));
        o.WriteLine("   (the DUPN columns are the pre-trained property gate summed over the history behaviours in the candidate shop");
        o.WriteLine("    and its category: a hard match, the same information as the baseline's aggregates; RT (rep + shop) is the");
        o.WriteLine("    paper's RT on the frozen representation, which never saw the candidate; FT's new head reads rep, the shop and");
        o.WriteLine("    those matches: its wide path is probed first, then every weight fine-tuned; RS is FT's procedure from scratch)");
        MetricsJson.Write(metricsPath, transfer.ToDictionary(t => "transfer-" + TransferCommand.Key(t.Protocol), t => (IReadOnlyList<TaskMetrics>)[t.Metrics]));

        Step(o, 5, "Export ONNX (user part, item part, both)");
        string onnxDir = Path.Combine(outDir, "onnx");
        Directory.CreateDirectory(onnxDir);
        foreach (var (kind, file) in new[] { (DupnGraphKind.User, "user.onnx"), (DupnGraphKind.Items, "items.onnx"), (DupnGraphKind.Full, "full.onnx") })
        {
            byte[] bytes = run.Model.ExportOnnx(kind);
            File.WriteAllBytes(Path.Combine(onnxDir, file), bytes);
            o.WriteLine($"   {Path.Combine(onnxDir, file)} ({bytes.Length / 1024.0 / 1024.0:F1} MiB)");
        }

        Step(o, 6, "ML.NET: DupnUserEmbedding feeding LightGbm for shop preference, saved, reloaded, used");
        string zip = Path.Combine(outDir, "shop-preference.zip");
        mlContext.Model.Save(rtModel, rtTest.Schema, zip);
        var reloaded = new MLContext(seed).Model.Load(zip, out _);
        var first = mlContext.Data.CreateEnumerable<DupnShopPreferenceRow>(rtTest, reuseRowObject: false).First();
        var engine = new MLContext(seed).Model.CreatePredictionEngine<DupnShopPreferenceRow, ShopPreferenceRt.Prediction>(reloaded,
            inputSchemaDefinition: ShopPreferenceRt.Schema(run.Model));
        var prediction = engine.Predict(first);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {rt.Protocol} AUC {rt.Metrics.Auc:F4}; saved {zip} ({new FileInfo(zip).Length / 1024.0 / 1024.0:F1} MiB, ONNX inside); reloaded: user {first.UserId} prefers shop {first.Shop} with probability {prediction.Probability:F3} (label {(first.Label ? 1 : 0)})"));

        Step(o, 7, "Report");
        var report = ReportWriter.Write(ReportBuilder.Build(run.Model, modelDir, dataset, comparison, transfer, singleTaskRuns), Path.Combine(outDir, "report"));
        o.WriteLine($"   {report.IndexPath} ({report.Images.Count} plots{(report.MissingSections.Count > 0 ? "; not drawn: " + string.Join(", ", report.MissingSections) : "")})");

        o.WriteLine();
        o.WriteLine($"Done in {total.Elapsed.TotalMinutes:F1} min. Everything is in {outDir}.");
        return 0;
    }

    private static void Step(TextWriter output, int number, string title)
    {
        output.WriteLine();
        output.WriteLine($"[{number}/7] {title}");
    }

    // The demo prints held-out metrics per epoch, not a bar: its output is what EXPERIMENTS.md's demo section shows.
    private sealed class EpochPrinter(TextWriter output) : IProgress<DupnTrainingProgress>
    {
        public void Report(DupnTrainingProgress value)
        {
            if (value.Metrics is { } metrics)
                output.WriteLine($"   epoch {value.Epoch + 1} (step {value.Step}): " + string.Join("; ", metrics.Select(ModelSummary)));
        }

        internal static string ModelSummary(TaskMetrics m) => m.Task == "ppp"
            ? string.Create(CultureInfo.InvariantCulture, $"{m.Task} acc {m.Accuracy:P1}")
            : string.Create(CultureInfo.InvariantCulture, $"{m.Task} AUC {m.Auc:F3}");
    }
}
