using System.CommandLine;
using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers;
using Dupn.MLNet.Trainers.Transfer;
using Microsoft.ML;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn transfer`: the paper's transfer protocols on the shop-preference task.</summary>
public sealed class TransferCommand : DupnCommand
{
    private readonly Option<string?> _model = CommonFlags.Model(
        "a pre-trained model folder (rt*, ft; baseline and rs use its vocabularies and architecture, ra only its variant)");
    private readonly Option<string?> _data = CommonFlags.Data("a dataset with shop_pref.train.csv and shop_pref.test.csv", "a dataset folder with shop_pref files");
    private readonly Option<string?> _protocol = ChoiceFlag.OneOrNone("--protocol", "the transfer protocol (see below)", Protocols);
    private readonly Option<string> _learner = ChoiceFlag.One("--learner",
        "the ML.NET learner of rt and rt-baseline: logistic (measured best at 400 to 2,000 users) or lightgbm (4 leaves x 100, the baseline's; better from 5,000 users)",
        "logistic", "logistic", "lightgbm");
    private readonly Option<int> _epochs = Flag.Int("--epochs", "N", "training epochs of ft, rs and ra", 2, min: 1, max: 10_000);
    private readonly Option<double?> _lr = Flag.OptionalDouble("--lr", "X", "their AdaGrad learning rate (default 0.001 for ft and rs, 0.01 for ra)", min: 1e-6, max: 10);
    private readonly Option<int> _seed = Flag.Int("--seed", "S", "seed", 1);
    private readonly Option<int> _threads = CommonFlags.Threads("libtorch threads (0: one per core)", 1);
    private readonly Option<string?> _json = CommonFlags.Json("write (merge) the result as model \"transfer-<protocol>\"");
    private readonly Option<string?> _predictions = Flag.Text("--predictions", "FILE",
        "write each test row's score (user_id,timestamp,label,score) for `dupn compare`; every protocol scores the same rows in the same order");

    public TransferCommand() : base("transfer", "transfer a trained model to shop preference (baseline, rt, rt-baseline, rt-rep, ft, rs, ra)")
    {
        Required(_model, "a model folder written by `dupn train`");
        Required(_data, "a dataset folder with shop_pref files");
        Required(_protocol, "baseline, rt, rt-baseline, rt-rep, ft, rs or ra");
        Optional(_learner, _epochs, _lr, _seed, _threads, _json, _predictions);
    }

    public override string Notes => """
        Protocols (--protocol):
          baseline     the store-preference baseline, no DUPN (LightGbm on candidate-match history
                       aggregates, histories of 100)
          rt           RT (DUPN columns): the pre-trained count gate summed over the history behaviours
                       in the candidate shop and its category (an ONNX column), then logistic regression
          rt-baseline  RT (baseline + DUPN columns): the baseline's aggregates and those columns, then
                       logistic regression
          rt-rep       RT (rep + shop): LightGbm on [frozen rep, shop] through ML.NET's DupnUserEmbedding
                       (the paper's RT taken literally)
          ft           add the shop-preference head (on rep, the shop and the history's gated matches
                       with it), probe its wide path, fine-tune everything, keep the epoch the validation
                       users (10 % of the training users) like best; histories of 100
          rs           ft's procedure from freshly initialised weights
          ra           retrain on all five tasks (histories of 100)
        """;

    public override int Run(ParseResult parsed, CliContext context)
    {
        string modelPath = parsed.GetValue(_model)!;
        string dataPath = parsed.GetValue(_data)!;
        string protocol = parsed.GetValue(_protocol)!;
        int epochs = parsed.GetValue(_epochs);
        string learner = parsed.GetValue(_learner)!;
        if (learner != "logistic" && protocol is not ("rt" or "rt-baseline"))
            throw new UsageException($"dupn transfer: --learner applies to rt and rt-baseline, not {protocol}.");
        Func<MLContext, string, IEstimator<ITransformer>>? mlLearner = learner == "lightgbm" ? ShopPreferenceCandidateRt.LightGbmLearner : null;
        double learningRate = parsed.GetValue(_lr) ?? (protocol == "ra" ? 1e-2 : DupnFineTuningOptions.RecommendedLearningRate);
        int seed = parsed.GetValue(_seed);
        int threads = parsed.GetValue(_threads);
        string? json = parsed.GetValue(_json);
        string? predictions = parsed.GetValue(_predictions);

        var model = DupnModel.Load(modelPath);
        var dataset = Dataset.Open(dataPath);
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
        {
            if (!dataset.HasTask(DupnTask.ShopPref, split))
                throw new UsageException($"dupn transfer: {dataPath} has no {DatasetSchema.FileName(DupnTask.ShopPref, split)}; the transfer task needs both shop_pref files.");
        }
        var mlContext = new MLContext(seed);
        var trainer = new DupnTrainerOptions { Epochs = epochs, LearningRate = learningRate, Seed = seed, Threads = threads };
        var options = new DupnModelTrainingOptions
        {
            Featurizer = new BehaviorFeaturizerOptions { MaxHistory = new DupnFineTuningOptions().HistoryLength },
            Trainer = trainer,
            Variant = model.Architecture.Variant,
        };
        TransferResult result = protocol switch
        {
            "baseline" => ShopPreferenceCandidateRt.Baseline(mlContext, model.Featurizer, dataset),
            "rt" => ShopPreferenceCandidateRt.Fit(mlContext, model, dataset, learner: mlLearner).Result,
            "rt-baseline" => ShopPreferenceCandidateRt.FitWithBaseline(mlContext, model, dataset, learner: mlLearner),
            "rt-rep" => ShopPreferenceRt.Fit(mlContext, model, dataset).Result,
            "ft" => DupnTransfer.FineTune(mlContext, model, dataset, trainer),
            "rs" => DupnTransfer.RetrainSingle(mlContext, model, dataset, trainer),
            _ => DupnTransfer.RetrainAll(mlContext, dataset, options),
        };
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Protocol}{(learner == "logistic" ? "" : ", " + learner)}: shop_pref AUC {result.Metrics.Auc:F4}{(result.Metrics.LogLoss is { } logLoss ? $", log loss {logLoss:F4}" : "")} ({result.Metrics.Rows} test rows) in {result.Elapsed.TotalSeconds:F1} s{Kept(result)}"));
        if (predictions is not null)
        {
            PredictionsCsv.Write(Path.GetFullPath(predictions), result);
            context.Out.WriteLine($"Wrote {Path.GetFullPath(predictions)}");
        }
        if (json is not null)
            MetricsJson.Write(json, new Dictionary<string, IReadOnlyList<TaskMetrics>> { ["transfer-" + protocol + (learner == "logistic" ? "" : "-" + learner)] = [result.Metrics] });
        return 0;
    }

    /// <summary>FT's note on the state its validation users chose.</summary>
    internal static string Kept(TransferResult result) => result.ChosenEpoch switch
    {
        null => "",
        -1 => "; kept the probe (validation users)",
        int e => $"; kept fine-tuning epoch {e + 1} (validation users)",
    };

    /// <summary>The --protocol values.</summary>
    internal static readonly string[] Protocols = ["baseline", "rt", "rt-baseline", "rt-rep", "ft", "rs", "ra"];

    /// <summary>
    /// A result's --protocol value, also its key in metrics files ("transfer-" + key), so that `dupn demo`
    /// and `dupn transfer --json` name the same protocol alike.
    /// </summary>
    internal static string Key(string protocol) => protocol switch
    {
        ShopPreferenceCandidateRt.BaselineProtocol => "baseline",
        ShopPreferenceCandidateRt.ColumnsProtocol => "rt",
        ShopPreferenceCandidateRt.BaselineAndColumnsProtocol => "rt-baseline",
        ShopPreferenceRt.Protocol => "rt-rep",
        _ => protocol.ToLowerInvariant(),
    };
}
