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
public sealed class TrainCommand : ICommand
{
    public string Name => "train";

    public string Summary => "train DUPN (multi-task) on a dataset folder and save the model";

    public string Usage => """
        dupn train --data DIR --out MODEL [flags]

          --data DIR              dataset folder (behaviors.csv, <task>.train.csv, <task>.test.csv)
          --out MODEL             model folder to write (atomically)
          --variant V             all (default), nobp, bplstm, bpatt, w2v
          --tasks LIST            comma-separated: ctr,l2r,ppp,follow,shop_pref (default: the
                                  pre-training tasks the dataset has)
          --single-task           train one task alone (--tasks must name exactly one)
          --epochs N              passes over the data (default 3)
          --seq-len N             N, behaviours kept per history (default 100)
          --batch-size N          rows per step (default 128; the paper's is 1024)
          --lr X                  learning rate (default 0.01; the paper's is 0.001)
          --optimizer O           adagrad (default, the paper's) or adam
          --weight-decay X        L2 penalty on every trainable weight (default 0)
          --repeat TASK=N,...     pass over a task's rows N times per epoch (over-samples a
                                  small task, e.g. follow=3). Default ppp=4 when PPP shares
                                  the network with other tasks, every other task once;
                                  --paper-settings: all once. The list replaces the default:
                                  name ppp too to keep it (follow=3,ppp=4)
          --task-lr-factor TASK=X,...
                                  a task's steps learn at X times --lr (default ppp=3 when
                                  PPP is trained, every other task 1; --paper-settings: all 1).
                                  The list replaces the default, as --repeat's does
          --dropout X             dropout on fully connected outputs (default 0.2)
          --id-dropout X          hide each history item, shop and brand id with this
                                  probability while training (default 0)
          --paper-settings        the paper's AdaGrad 1e-3, batch 1024 (learns little on small data)
          --batch-norm            batch normalisation on the representation
          --dims NAME=N,...       embedding and layer sizes (default the paper's), NAME one of
                                  item, shop, brand, category, tag, scene, time, type, query,
                                  profile, hidden, attention1, attention2, item-tower, talent,
                                  shop-pref, head-hidden, counts-tag (the history's counts c
                                  get a tag table of their own, N wide; by default they count
                                  the LSTM's tag embedding) (e.g. tag=96,counts-tag=64)
          --ppp-linear            the PPP head adds a linear map of [u ; c] to its MLP's
                                  logits (zero at the start; off by default)
          --paper-heads           the paper's heads exactly: no match(rep) * candidate input
                                  in CTR/FOLLOW/SHOP_PREF, L2R weights w(rep) >= 0, no CTR
                                  score among L2R's ranking features and PPP on the whole rep
                                  rather than [u ; c] (all learn more slowly)
          --paper-rep             the paper's rep = [rep_s ; u] exactly: the query reaches rep
                                  only through the attention, and the history only through the
                                  attention's weighted mean (default: rep = [rep_s ; u ; q ; c],
                                  c the property-gated counts of the history's categories and tags)
          --seed S                seed of initialisation, shuffling and dropout (default 1)
          --threads N             CPU threads for libtorch (default: all cores)
          --checkpoints DIR       checkpoint folder (default MODEL.checkpoints)
          --checkpoint-every N    also checkpoint every N steps (default: each epoch only)
          --resume                go on from the last checkpoint (a crash, or more --epochs)
          --from MODEL            start from a trained model's weights and vocabularies (daily
                                  update on new data; ids it has not seen share its unknown row)
          --json FILE             write the held-out metrics as JSON
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string dataPath = args.ExistingDirectory("data", "a dataset folder");
        string output = args.Required("out", "the model folder to write");
        var variant = DupnVariantExtensions.ParseVariant(args.Choice("variant", "all", "all", "nobp", "bplstm", "bpatt", "w2v"));
        var tasks = args.List("tasks", "ctr", "l2r", "ppp", "follow", "shop_pref")?.Select(t => DupnTaskNames.Parse(t)).ToArray();
        bool singleTask = args.Switch("single-task");
        bool paper = args.Switch("paper-settings");
        var trainer = paper ? DupnTrainerOptions.PaperSettings() : new DupnTrainerOptions();
        trainer.Epochs = args.Int("epochs", trainer.Epochs, min: 1, max: 10_000);
        trainer.BatchSize = args.Int("batch-size", trainer.BatchSize, min: 1, max: 1 << 20);
        trainer.LearningRate = args.Double("lr", trainer.LearningRate, min: 1e-9, max: 10);
        trainer.Optimizer = args.Choice("optimizer", trainer.Optimizer == DupnOptimizer.Adam ? "adam" : "adagrad", "adagrad", "adam") == "adam" ? DupnOptimizer.Adam : DupnOptimizer.AdaGrad;
        trainer.WeightDecay = args.Double("weight-decay", trainer.WeightDecay, min: 0, max: 10);
        trainer.Dropout = args.Double("dropout", trainer.Dropout, min: 0, max: 0.99);
        trainer.IdDropout = args.Double("id-dropout", trainer.IdDropout, min: 0, max: 0.99);
        var repeats = args.Counts("repeat", 1, 1_000, "ctr", "l2r", "ppp", "follow", "shop_pref");
        if (repeats.Count > 0)
            trainer.TaskRepeats = repeats;
        var factors = args.Factors("task-lr-factor", 0, 1_000, "ctr", "l2r", "ppp", "follow", "shop_pref");
        if (factors.Count > 0)
            trainer.TaskLearningRateFactors = factors;
        trainer.Seed = args.Int("seed", (int)trainer.Seed);
        trainer.Threads = args.Int("threads", 0, min: 0, max: 1024);
        trainer.CheckpointDirectory = args.Optional("checkpoints") ?? Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar) + ".checkpoints";
        trainer.CheckpointEverySteps = args.Int("checkpoint-every", 0, min: 0);
        trainer.Resume = args.Switch("resume");
        string? from = args.Has("from") ? args.ExistingDirectory("from", "a model folder to continue from") : null;
        string? json = args.Optional("json");
        var featurizer = new BehaviorFeaturizerOptions { MaxHistory = args.Int("seq-len", 100, min: 1, max: 10_000) };
        bool batchNorm = args.Switch("batch-norm");
        bool paperHeads = args.Switch("paper-heads");
        bool pppLinear = args.Switch("ppp-linear");
        bool paperRep = args.Switch("paper-rep");
        var dimensions = new DupnDimensions();
        foreach (var (name, size) in args.Counts("dims", 1, 65_536, [.. DupnDimensions.Names]))
            dimensions.Set(name, size);
        if (from is not null && args.Has("dims"))
            throw new UsageException("dupn train: --dims sizes a new network; --from continues the model's own (leave one out).");
        args.EnsureAllUsed();

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
