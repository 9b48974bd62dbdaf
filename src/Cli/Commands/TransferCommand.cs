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
public sealed class TransferCommand : ICommand
{
    public string Name => "transfer";

    public string Summary => "transfer a trained model to shop preference (baseline, rt, rt-baseline, rt-rep, ft, rs, ra)";

    public string Usage => """
        dupn transfer --model MODEL --data DIR --protocol P [--learner L] [--epochs N] [--lr X]
                      [--seed S] [--threads N] [--json FILE] [--predictions FILE]

          --model MODEL    a pre-trained model folder (rt*, ft; baseline and rs use its
                           vocabularies and architecture, ra only its variant)
          --data DIR       a dataset with shop_pref.train.csv and shop_pref.test.csv
          --protocol P     baseline: the store-preference baseline, no DUPN (LightGbm on
                               candidate-match history aggregates, histories of 100)
                           rt: RT (DUPN columns): the pre-trained count gate summed over the
                               history behaviours in the candidate shop and its category (an
                               ONNX column), then logistic regression
                           rt-baseline: RT (baseline + DUPN columns): the baseline's aggregates
                               and those columns, then logistic regression
                           rt-rep: RT (rep + shop): LightGbm on [frozen rep, shop] through
                               ML.NET's DupnUserEmbedding (the paper's RT taken literally)
                           ft: add the shop-preference head (on rep, the shop and the
                               history's gated matches with it), probe its wide path,
                               fine-tune everything, keep the epoch the validation users
                               (10 % of the training users) like best; histories of 100
                           rs: ft's procedure from freshly initialised weights
                           ra: retrain on all five tasks (histories of 100)
          --learner L      the ML.NET learner of rt and rt-baseline: logistic (default;
                           measured best at 400 to 2,000 users) or lightgbm (4 leaves x 100,
                           the baseline's; better from 5,000 users)
          --epochs N       training epochs of ft, rs and ra (default 2)
          --lr X           their AdaGrad learning rate (default 0.001 for ft and rs,
                           0.01 for ra)
          --seed S         seed (default 1); --threads N: libtorch threads (default 1)
          --json FILE      write (merge) the result as model "transfer-<protocol>"
          --predictions FILE  write each test row's score (user_id,timestamp,label,score)
                           for `dupn compare`; every protocol scores the same rows in
                           the same order
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string modelPath = args.ExistingDirectory("model", "a model folder written by `dupn train`");
        string dataPath = args.ExistingDirectory("data", "a dataset folder with shop_pref files");
        string protocol = args.Choice("protocol", "", Protocols);
        if (protocol.Length == 0)
            throw new UsageException("dupn transfer: --protocol is required (baseline, rt, rt-baseline, rt-rep, ft, rs or ra).");
        int epochs = args.Int("epochs", 2, min: 1, max: 10_000);
        string learner = args.Choice("learner", "logistic", ["logistic", "lightgbm"]);
        if (learner != "logistic" && protocol is not ("rt" or "rt-baseline"))
            throw new UsageException($"dupn transfer: --learner applies to rt and rt-baseline, not {protocol}.");
        Func<MLContext, string, IEstimator<ITransformer>>? mlLearner = learner == "lightgbm" ? ShopPreferenceCandidateRt.LightGbmLearner : null;
        double learningRate = args.Double("lr", protocol == "ra" ? 1e-2 : DupnFineTuningOptions.RecommendedLearningRate, min: 1e-6, max: 10);
        int seed = args.Int("seed", 1);
        int threads = args.Int("threads", 1, min: 0, max: 1024);
        string? json = args.Optional("json");
        string? predictions = args.Optional("predictions");
        args.EnsureAllUsed();

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
