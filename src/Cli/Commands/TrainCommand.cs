using System.CommandLine;
using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers;
using Microsoft.ML;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn train`: multi-task training of DUPN on a dataset folder, saved as a model folder.</summary>
public sealed class TrainCommand : DupnCommand
{
    private static readonly string[] Tasks = ["ctr", "l2r", "ppp", "follow", "shop_pref"];

    private readonly Option<string?> _data = CommonFlags.Data("dataset folder (behaviors.csv, <task>.train.csv, <task>.test.csv)");
    private readonly Option<string?> _out = Flag.Text("--out", "MODEL", "model folder to write (atomically)");
    private readonly Option<string> _variant = ChoiceFlag.One("--variant", "the network: all, nobp, bplstm, bpatt or w2v", "all", "all", "nobp", "bplstm", "bpatt", "w2v");
    private readonly Option<IReadOnlyList<string>?> _tasks = ChoiceFlag.List("--tasks", "LIST",
        "comma-separated: ctr,l2r,ppp,follow,shop_pref (default: the pre-training tasks the dataset has)", Tasks);
    private readonly Option<bool> _singleTask = Flag.Switch("--single-task", "train one task alone (--tasks must name exactly one)");
    private readonly Option<int?> _epochs = Flag.OptionalInt("--epochs", "N", "passes over the data (default 3)", min: 1, max: 10_000);
    private readonly Option<int> _seqLen = Flag.Int("--seq-len", "N", "N, behaviours kept per history", 100, min: 1, max: 10_000);
    private readonly Option<int?> _batchSize = Flag.OptionalInt("--batch-size", "N", "rows per step (default 128; the paper's is 1024)", min: 1, max: 1 << 20);
    private readonly Option<double?> _lr = Flag.OptionalDouble("--lr", "X", "learning rate (default 0.01; the paper's is 0.001)", min: 1e-9, max: 10);
    private readonly Option<string?> _optimizer = ChoiceFlag.OneOrNone("--optimizer", "adagrad (default, the paper's) or adam", "adagrad", "adam");
    private readonly Option<double?> _weightDecay = Flag.OptionalDouble("--weight-decay", "X", "L2 penalty on every trainable weight (default 0)", min: 0, max: 10);
    private readonly Option<Dictionary<string, int>> _repeat = ChoiceFlag.Counts("--repeat",
        "pass over a task's rows N times per epoch (over-samples a small task, e.g. follow=3). Default ppp=4 when PPP shares the network with other tasks, every other task once; --paper-settings: all once. The list replaces the default: name ppp too to keep it (follow=3,ppp=4)",
        1, 1_000, Tasks);
    private readonly Option<Dictionary<string, double>> _taskLrFactor = ChoiceFlag.Factors("--task-lr-factor",
        "a task's steps learn at X times --lr (default ppp=3 when PPP is trained, every other task 1; --paper-settings: all 1). The list replaces the default, as --repeat's does",
        0, 1_000, Tasks);
    private readonly Option<double?> _dropout = Flag.OptionalDouble("--dropout", "X", "dropout on fully connected outputs (default 0.2)", min: 0, max: 0.99);
    private readonly Option<double?> _idDropout = Flag.OptionalDouble("--id-dropout", "X",
        "hide each history item, shop and brand id with this probability while training (default 0)", min: 0, max: 0.99);
    private readonly Option<bool> _paperSettings = Flag.Switch("--paper-settings", "the paper's AdaGrad 1e-3, batch 1024 (learns little on small data)");
    private readonly Option<bool> _batchNorm = Flag.Switch("--batch-norm", "batch normalisation on the representation");
    private readonly Option<Dictionary<string, int>> _dims = ChoiceFlag.Counts("--dims",
        $"embedding and layer sizes (default the paper's), KEY one of {string.Join(", ", DupnDimensions.Names)} (counts-tag: the history's counts c get a tag table of their own, N wide; by default they count the LSTM's tag embedding) (e.g. tag=96,counts-tag=64)",
        1, 65_536, [.. DupnDimensions.Names]);
    private readonly Option<bool> _pppLinear = Flag.Switch("--ppp-linear", "the PPP head adds a linear map of [u ; c] to its MLP's logits (zero at the start; off by default)");
    private readonly Option<bool> _paperHeads = Flag.Switch("--paper-heads",
        "the paper's heads exactly: no match(rep) * candidate input in CTR/FOLLOW/SHOP_PREF, L2R weights w(rep) >= 0, no CTR score among L2R's ranking features and PPP on the whole rep rather than [u ; c] (all learn more slowly)");
    private readonly Option<bool> _paperRep = Flag.Switch("--paper-rep",
        "the paper's rep = [rep_s ; u] exactly: the query reaches rep only through the attention, and the history only through the attention's weighted mean (default: rep = [rep_s ; u ; q ; c], c the property-gated counts of the history's categories and tags)");
    private readonly Option<int?> _seed = Flag.OptionalInt("--seed", "S", "seed of initialisation, shuffling and dropout (default 1)");
    private readonly Option<int> _threads = CommonFlags.Threads("CPU threads for libtorch (0: all cores)", 0);
    private readonly Option<string?> _checkpoints = Flag.Text("--checkpoints", "DIR", "checkpoint folder (default MODEL.checkpoints)");
    private readonly Option<int> _checkpointEvery = Flag.Int("--checkpoint-every", "N", "also checkpoint every N steps (0: each epoch only)", 0, min: 0);
    private readonly Option<bool> _resume = Flag.Switch("--resume", "go on from the last checkpoint (a crash, or more --epochs)");
    private readonly Option<string?> _from = Flag.ExistingFolder("--from", "MODEL",
        "start from a trained model's weights and vocabularies (daily update on new data; ids it has not seen share its unknown row)", "a model folder to continue from");
    private readonly Option<string?> _json = CommonFlags.Json("write the held-out metrics as JSON");

    public TrainCommand() : base("train", "train DUPN (multi-task) on a dataset folder and save the model")
    {
        Required(_data, "a dataset folder");
        Required(_out, "the model folder to write");
        Optional(_variant, _tasks, _singleTask, _epochs, _seqLen, _batchSize, _lr, _optimizer, _weightDecay, _repeat, _taskLrFactor, _dropout, _idDropout,
            _paperSettings, _batchNorm, _dims, _pppLinear, _paperHeads, _paperRep, _seed, _threads, _checkpoints, _checkpointEvery, _resume, _from, _json);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string dataPath = parsed.GetValue(_data)!;
        string output = parsed.GetValue(_out)!;
        var variant = DupnVariantExtensions.ParseVariant(parsed.GetValue(_variant)!);
        var tasks = parsed.GetValueIfGiven(_tasks)?.Select(t => DupnTaskNames.Parse(t)).ToArray();
        bool singleTask = parsed.GetValue(_singleTask);
        var trainer = parsed.GetValue(_paperSettings) ? DupnTrainerOptions.PaperSettings() : new DupnTrainerOptions();
        trainer.Epochs = parsed.GetValue(_epochs) ?? trainer.Epochs;
        trainer.BatchSize = parsed.GetValue(_batchSize) ?? trainer.BatchSize;
        trainer.LearningRate = parsed.GetValue(_lr) ?? trainer.LearningRate;
        if (parsed.GetValue(_optimizer) is { } optimizer)
            trainer.Optimizer = optimizer == "adam" ? DupnOptimizer.Adam : DupnOptimizer.AdaGrad;
        trainer.WeightDecay = parsed.GetValue(_weightDecay) ?? trainer.WeightDecay;
        trainer.Dropout = parsed.GetValue(_dropout) ?? trainer.Dropout;
        trainer.IdDropout = parsed.GetValue(_idDropout) ?? trainer.IdDropout;
        var repeats = parsed.GetValue(_repeat)!;
        if (repeats.Count > 0)
            trainer.TaskRepeats = repeats;
        var factors = parsed.GetValue(_taskLrFactor)!;
        if (factors.Count > 0)
            trainer.TaskLearningRateFactors = factors;
        trainer.Seed = parsed.GetValue(_seed) ?? trainer.Seed;
        trainer.Threads = parsed.GetValue(_threads);
        trainer.CheckpointDirectory = parsed.GetValue(_checkpoints) ?? Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar) + ".checkpoints";
        trainer.CheckpointEverySteps = parsed.GetValue(_checkpointEvery);
        trainer.Resume = parsed.GetValue(_resume);
        string? from = parsed.GetValue(_from);
        string? json = parsed.GetValue(_json);
        var featurizer = new BehaviorFeaturizerOptions { MaxHistory = parsed.GetValue(_seqLen) };
        bool batchNorm = parsed.GetValue(_batchNorm);
        bool paperHeads = parsed.GetValue(_paperHeads);
        bool pppLinear = parsed.GetValue(_pppLinear);
        bool paperRep = parsed.GetValue(_paperRep);
        var dimensions = new DupnDimensions();
        var sizes = parsed.GetValue(_dims)!;
        foreach (var (name, size) in sizes)
            dimensions.Set(name, size);
        if (from is not null && sizes.Count > 0)
            throw new UsageException("dupn train: --dims sizes a new network; --from continues the model's own (leave one out).");

        var dataset = Dataset.Open(dataPath);
        var mlContext = new MLContext(seed: (int)trainer.Seed);
        // The trainer warns through ML.NET's log (e.g. a resume at other learning rates): print its warnings.
        mlContext.Log += (_, e) =>
        {
            if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning)
                context.Error.WriteLine($"dupn train: warning: {e.RawMessage}");
        };
        var options = new DupnModelTrainingOptions
        {
            Tasks = tasks, Variant = variant, UseBatchNorm = batchNorm, CandidateInteraction = !paperHeads, SignedL2rWeights = !paperHeads, QueryInRepresentation = !paperRep, HistoryCountsInRepresentation = !paperRep, CtrScoreAsRankingFeature = !paperHeads, PppReadsProfileAndCounts = !paperHeads, PppLinearPath = pppLinear, SingleTask = singleTask, Dimensions = dimensions, Featurizer = featurizer, Trainer = trainer,
        };
        var progress = new TrainingProgressPrinter(context);
        DupnModelTrainingRun run = from is null
            ? DupnModelTrainer.Train(mlContext, dataset, options, progress)
            : DupnModelTrainer.Continue(mlContext, DupnModel.Load(from), dataset, options, progress);
        progress.Finish();

        run.Model.Save(output);
        var last = run.Result.Epochs.LastOrDefault();
        context.Out.WriteLine($"Saved {output} ({run.Model.Architecture.Variant.ToString().ToLowerInvariant()}, tasks {string.Join(",", run.Data.Tasks.Select(t => t.Task))}, {run.Result.Steps} steps{(run.Result.StoppedEarly ? ", stopped early" : "")})");
        if (last is not null)
        {
            foreach (var metrics in last.Metrics)
                context.Out.WriteLine($"  {metrics}");
        }
        if (json is not null && last is not null)
            MetricsJson.Write(json, new Dictionary<string, IReadOnlyList<Trainers.Evaluation.TaskMetrics>> { [variant.ModelName(singleTask)] = last.Metrics });
        return 0;
    }

    // A live bar on a terminal, plain lines when redirected; held-out metrics after each epoch.
    private sealed class TrainingProgressPrinter(CliContext context) : IProgress<DupnTrainingProgress>
    {
        private ProgressPrinter? _printer;
        private int _epochs = -1;
        private double _loss = double.NaN;

        public void Report(DupnTrainingProgress value)
        {
            if (value.Metrics is { } metrics)
            {
                _printer?.Report(value.StepInEpoch, $"epoch {value.Epoch + 1} done", force: true);
                _printer?.Finish();
                _printer = null;
                context.Out.WriteLine($"epoch {value.Epoch + 1}: " + string.Join("; ", metrics.Select(m => m.ToString())));
                return;
            }
            if (_printer is null || value.Epoch != _epochs)
            {
                _epochs = value.Epoch;
                _printer = context.Progress($"epoch {value.Epoch + 1} step", value.StepsInEpoch);
            }
            _loss = double.IsNaN(_loss) ? value.Loss : 0.98 * _loss + 0.02 * value.Loss;
            _printer.Report(value.StepInEpoch, string.Create(CultureInfo.InvariantCulture, $"loss {_loss:F4} ({value.Task})"));
        }

        public void Finish() => _printer?.Finish();
    }
}
