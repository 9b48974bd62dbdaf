using System.Globalization;
using System.Text;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Trainers;
using Dupn.MLNet.Trainers.Transfer;
using Microsoft.ML;

namespace Dupn.MLNet.Cli.Experiments;

/// <summary>
/// Transfer to shop preference (docs/paper.md section 6) per seed: the store-preference baseline (no
/// DUPN), RT with the candidate-aware DUPN columns alone and with the baseline's aggregates
/// (<see cref="ShopPreferenceCandidateRt"/>), RT on the frozen DupnUserEmbedding column plus the shop,
/// FT (the pre-trained network with a new head, fine-tuned), RS (the architecture trained on
/// SHOP_PREF alone) and RA (trained on all five tasks). Time is each protocol's own cost; the RT
/// rows and FT also need the pre-training, whose time is listed apart.
/// </summary>
public static class TransferExperiment
{
    public sealed record Result(Dictionary<string, SeedSummary> Auc, Dictionary<string, SeedSummary> Seconds, SeedSummary PretrainSeconds, string Settings);

    public static Result Run(string datasetPath, ExperimentSettings settings, TextWriter log)
    {
        var dataset = Dataset.Open(datasetPath);
        var auc = new Dictionary<string, SeedSummary>(StringComparer.Ordinal);
        var seconds = new Dictionary<string, SeedSummary>(StringComparer.Ordinal);
        var pretrainSeconds = new SeedSummary();
        foreach (int seed in settings.Seeds)
        {
            var mlContext = new MLContext(seed);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var pretrained = DupnModelTrainer.Train(mlContext, dataset, settings.Training(seed));
            pretrained.Network.Dispose();
            pretrainSeconds.Add(clock.Elapsed.TotalSeconds);
            var results = new List<TransferResult>
            {
                ShopPreferenceCandidateRt.Baseline(mlContext, pretrained.Model.Featurizer, dataset),
                ShopPreferenceCandidateRt.Fit(mlContext, pretrained.Model, dataset).Result,
                ShopPreferenceCandidateRt.FitWithBaseline(mlContext, pretrained.Model, dataset),
                ShopPreferenceRt.Fit(mlContext, pretrained.Model, dataset).Result,
                DupnTransfer.FineTune(mlContext, pretrained.Model, dataset, FineTuning(settings, seed)),
                DupnTransfer.RetrainSingle(mlContext, pretrained.Model, dataset, FineTuning(settings, seed)),
                DupnTransfer.RetrainAll(mlContext, dataset, RetrainAll(settings, seed)),
            };
            foreach (var r in results)
            {
                (auc.TryGetValue(r.Protocol, out var a) ? a : auc[r.Protocol] = new SeedSummary()).Add(r.Metrics.Auc ?? double.NaN);
                (seconds.TryGetValue(r.Protocol, out var s) ? s : seconds[r.Protocol] = new SeedSummary()).Add(r.Elapsed.TotalSeconds);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seed {seed}, {r.Protocol}: shop_pref AUC {r.Metrics.Auc:F4} in {r.Elapsed.TotalSeconds:F0} s"));
            }
        }
        return new Result(auc, seconds, pretrainSeconds, settings.Describe());
    }

    private static Trainers.Training.DupnTrainerOptions FineTuning(ExperimentSettings settings, int seed)
    {
        var trainer = settings.Trainer(seed);
        trainer.LearningRate = DupnFineTuningOptions.RecommendedLearningRate;
        return trainer;
    }

    /// <summary>RA reads the histories FT, RS and the RT columns read (N = 100), so that only the training differs.</summary>
    private static DupnModelTrainingOptions RetrainAll(ExperimentSettings settings, int seed)
    {
        var options = settings.Training(seed);
        options.Featurizer.MaxHistory = new DupnFineTuningOptions().HistoryLength;
        return options;
    }

    public static string ToMarkdown(Result result)
    {
        var md = new StringBuilder();
        md.AppendLine($"{result.Settings}. SHOP_PREF test AUC, mean ± standard deviation over the seeds.");
        md.AppendLine();
        md.AppendLine("| protocol | what it trains | SHOP_PREF AUC | seconds |");
        md.AppendLine("|---|---|---:|---:|");
        var what = new Dictionary<string, string>
        {
            [ShopPreferenceCandidateRt.BaselineProtocol] = "no DUPN: LightGbm on candidate-match history aggregates",
            [ShopPreferenceCandidateRt.ColumnsProtocol] = "ML.NET logistic regression on the pre-trained count gate summed at the candidate shop / its category",
            [ShopPreferenceCandidateRt.BaselineAndColumnsProtocol] = "ML.NET logistic regression on the baseline's aggregates + those columns",
            [ShopPreferenceRt.Protocol] = "ML.NET LightGbm on the frozen representation + shop",
            ["FT"] = "pre-trained DUPN + SHOP_PREF head on the history matches: probe, then fine-tuned",
            ["RS"] = "FT's procedure from freshly initialised weights",
            ["RA"] = "DUPN from scratch on all five tasks",
        };
        foreach (var (protocol, summary) in result.Auc)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {protocol} | {what.GetValueOrDefault(protocol, "")} | {summary.Format(percent: false)} | {result.Seconds[protocol].Mean:F0} |"));
        md.AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"The RT rows and FT start from a DUPN-all pre-trained in {result.PretrainSeconds.Mean:F0} s (mean), not counted above."));
        return md.ToString();
    }
}
