using System.Diagnostics;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Training;
using Microsoft.ML;

namespace Dupn.MLNet.Trainers.Transfer;

/// <summary>
/// The paper's transfer protocols for a task the network was not pre-trained on (shop preference,
/// docs/paper.md section 6) that need TorchSharp: RS (retrain the DUPN architecture on the new task alone),
/// RA (retrain on all five tasks) and FT (start from the pre-trained model, add the new head,
/// fine-tune everything). RT, a shallow model on the frozen representation, needs no training of
/// the network: with ML.NET it is the DupnUserEmbedding column feeding a standard learner.
/// </summary>
public static class DupnTransfer
{
    /// <summary>RS: the DUPN architecture trained from scratch on SHOP_PREF alone.</summary>
    public static TransferResult RetrainSingle(MLContext mlContext, Dataset dataset, DupnModelTrainingOptions options) =>
        Retrain("RS", mlContext, dataset, options, [DupnTask.ShopPref]);

    /// <summary>RA: the DUPN architecture trained from scratch on the pre-training tasks plus SHOP_PREF.</summary>
    public static TransferResult RetrainAll(MLContext mlContext, Dataset dataset, DupnModelTrainingOptions options) =>
        Retrain("RA", mlContext, dataset, options,
            [.. DupnModelTrainer.PretrainingTasks.Where(t => dataset.HasTask(t, DatasetSplit.Train)), DupnTask.ShopPref]);

    /// <summary>
    /// FT: the pre-trained network with a fresh SHOP_PREF head, every weight fine-tuned on SHOP_PREF
    /// rows (featurised with the pre-trained model's vocabularies).
    /// </summary>
    public static TransferResult FineTune(MLContext mlContext, DupnModel pretrained, Dataset dataset, DupnTrainerOptions trainer)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        RequireShopPref(dataset);
        var clock = Stopwatch.StartNew();
        var architecture = pretrained.Architecture.Tasks.Contains(DupnTask.ShopPref)
            ? pretrained.Architecture
            : pretrained.Architecture with { Tasks = [.. pretrained.Architecture.Tasks, DupnTask.ShopPref] };
        Runtime.TorchRuntime.Seed(trainer.Seed);
        using var network = new DupnNetwork(architecture, trainer.CustomHeads, trainer.Dropout);
        network.LoadStateDict(DupnModelTrainer.GrowInto(network.ToStateDict(), pretrained.Weights));
        var data = DupnModelTrainer.Featurize(pretrained.Featurizer, dataset, [DupnTask.ShopPref]);

        var result = new DupnTrainer(mlContext, trainer).Fit(network, data);
        var curve = DupnModelTrainer.HistoryOf(result);
        return new TransferResult("FT", Final(curve, result), clock.Elapsed, curve);
    }

    private static TransferResult Retrain(string protocol, MLContext mlContext, Dataset dataset, DupnModelTrainingOptions options, DupnTask[] tasks)
    {
        RequireShopPref(dataset);
        var clock = Stopwatch.StartNew();
        var own = new DupnModelTrainingOptions
        {
            Tasks = tasks, Variant = options.Variant, UseBatchNorm = options.UseBatchNorm, CandidateInteraction = options.CandidateInteraction,
            SignedL2rWeights = options.SignedL2rWeights, QueryInRepresentation = options.QueryInRepresentation,
            HistoryCountsInRepresentation = options.HistoryCountsInRepresentation, CtrScoreAsRankingFeature = options.CtrScoreAsRankingFeature, PppReadsProfileAndCounts = options.PppReadsProfileAndCounts, PppLinearPath = options.PppLinearPath, Featurizer = options.Featurizer,
            Trainer = options.Trainer, L2rWeightsByType = options.L2rWeightsByType, Validate = true,
        };
        var run = DupnModelTrainer.Train(mlContext, dataset, own);
        var curve = run.Model.Info.History
            .Select(e => e with { Metrics = e.Metrics.Where(m => m.Task == DupnTaskNames.ShopPref).ToArray() }).ToArray();
        var final = Final(curve, run.Result);
        run.Network.Dispose();
        return new TransferResult(protocol, final, clock.Elapsed, curve);
    }

    private static Evaluation.TaskMetrics Final(IReadOnlyList<DupnEpochMetrics> curve, DupnTrainingResult result) =>
        curve.LastOrDefault()?.Metrics.FirstOrDefault(m => m.Task == DupnTaskNames.ShopPref)
        ?? throw new InvalidOperationException($"Training ran {result.Steps} steps but produced no held-out SHOP_PREF metrics: the dataset needs shop_pref.test.csv rows.");

    private static void RequireShopPref(Dataset dataset)
    {
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
        {
            if (!dataset.HasTask(DupnTask.ShopPref, split))
                throw new InvalidDataException($"{dataset.Folder} has no {DatasetSchema.FileName(DupnTask.ShopPref, split)}: the transfer task needs both shop_pref files.");
        }
    }
}
