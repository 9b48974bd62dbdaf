using System.CommandLine;
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
public sealed class BaselinesCommand : DupnCommand
{
    private readonly Option<string?> _data = CommonFlags.Data("a dataset folder (train and test files)");
    private readonly Option<IReadOnlyList<string>?> _models = ChoiceFlag.List("--models", "LIST",
        $"which baselines, comma-separated (default all: {string.Join(",", BaselineRegistry.Names)})", BaselineRegistry.Names);
    private readonly Option<int> _seqLen = Flag.Int("--seq-len", "N", "behaviours kept per history, as for DUPN", 100, min: 1, max: 10_000);
    private readonly Option<int> _seed = Flag.Int("--seed", "S", "seed of the learners", 1);
    private readonly Option<int> _threads = CommonFlags.Threads("libtorch CPU threads of the deep baselines (0: one per core)", 0);
    private readonly Option<int> _epochs = Flag.Int("--epochs", "N", "training epochs of the deep baselines", 3, min: 1, max: 1000);
    private readonly Option<double?> _learningRate = Flag.OptionalDouble("--learning-rate", "R", "Adam's learning rate of the deep baselines (default 3e-3)", min: 1e-7, max: 1);
    private readonly Option<bool> _compact = Flag.Switch("--compact", "deep baselines with quarter-size embeddings and smaller layers instead of the paper's dimensions (much faster)");
    private readonly Option<string?> _json = CommonFlags.Json("write (merge) the metrics into FILE, keyed by model name");
    private readonly Option<string?> _predictions = Flag.Text("--predictions", "DIR",
        "write each model's test predictions to DIR/MODEL.TASK.csv (user_id, timestamp, the label, then the score or PPP's seven level probabilities), row by row in the test file's order");

    public BaselinesCommand() : base("baselines", "train and evaluate the baselines (wide, wide-deep, dssm, cnn-max, lightgbm) on a dataset")
    {
        Required(_data, "a dataset folder");
        Optional(_models, _seqLen, _seed, _threads, _epochs, _learningRate, _compact, _json, _predictions);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string dataPath = parsed.GetValue(_data)!;
        var names = parsed.GetValueIfGiven(_models);
        int seqLen = parsed.GetValue(_seqLen);
        int seed = parsed.GetValue(_seed);
        int threads = parsed.GetValue(_threads);
        int epochs = parsed.GetValue(_epochs);
        bool compact = parsed.GetValue(_compact);
        double? learningRate = parsed.GetValue(_learningRate);
        string? json = parsed.GetValue(_json);
        string? predictions = parsed.GetValue(_predictions);
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
