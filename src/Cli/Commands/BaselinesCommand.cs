using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers;
using Microsoft.ML;
using Dupn.MLNet.Trainers.Baselines;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn baselines`: the paper's comparison models on the same data and split as DUPN.</summary>
public sealed class BaselinesCommand : ICommand
{
    public string Name => "baselines";

    public string Summary => "train and evaluate the baselines (wide, wide-deep, dssm, cnn-max, lightgbm) on a dataset";

    public string Usage => """
        dupn baselines --data DIR [--models LIST] [--seq-len N] [--seed S] [--threads N]
                       [--epochs N] [--learning-rate R] [--compact] [--json FILE]
                       [--predictions DIR]

          --data DIR        a dataset folder (train and test files)
          --models LIST     which baselines, comma-separated (default all:
                            wide,wide-deep,dssm,cnn-max,lightgbm)
          --seq-len N       behaviours kept per history, as for DUPN (default 100)
          --seed S          seed of the learners (default 1)
          --threads N       libtorch CPU threads of the deep baselines (default 0: one per core)
          --epochs N        training epochs of the deep baselines (default 3)
          --learning-rate R Adam's learning rate of the deep baselines (default 3e-3)
          --compact         deep baselines with quarter-size embeddings and smaller layers
                            instead of the paper's dimensions (much faster)
          --json FILE       write (merge) the metrics into FILE, keyed by model name
          --predictions DIR write each model's test predictions to DIR/MODEL.TASK.csv
                            (user_id, timestamp, the label, then the score or PPP's
                            seven level probabilities), row by row in the test file's order
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string dataPath = args.ExistingDirectory("data", "a dataset folder");
        var names = args.List("models", BaselineRegistry.Names);
        int seqLen = args.Int("seq-len", 100, min: 1, max: 10_000);
        int seed = args.Int("seed", 1);
        int threads = args.Int("threads", 0, min: 0, max: 1024);
        int epochs = args.Int("epochs", 3, min: 1, max: 1000);
        bool compact = args.Switch("compact");
        double? learningRate = args.Has("learning-rate") ? args.Double("learning-rate", 0, min: 1e-7, max: 1) : null;
        string? json = args.Optional("json");
        string? predictions = args.Optional("predictions");
        args.EnsureAllUsed();
        if (predictions is not null)
            Directory.CreateDirectory(predictions);

        var dataset = Dataset.Open(dataPath);
        var featurizer = BehaviorFeaturizer.Fit(dataset, new BehaviorFeaturizerOptions { MaxHistory = seqLen });
        var mlContext = new MLContext(seed);
        var results = ModelComparison.RunBaselines(dataset, featurizer, BaselineRegistry.Create(mlContext, names, new DeepBaselineSettings(seed, epochs, threads, compact, learningRate)),
            DupnModelTrainer.PretrainingTasks, context.Out, predictions);
        ModelComparison.PrintTable(context.Out, results);
        if (json is not null)
            MetricsJson.Write(json, results.ToDictionary(p => p.Key, p => (IReadOnlyList<TaskMetrics>)p.Value));
        return 0;
    }
}
