using Dupn.MLNet.Transforms.Featurization;
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
    /// <summary>
    /// RS: the DUPN architecture trained from scratch on SHOP_PREF alone, by the same procedure as
    /// <see cref="FineTune"/> (probe, fine-tuning, the epoch chosen on validation users) from freshly
    /// initialised weights instead of the pre-trained ones: the control that isolates what pre-training brings.
    /// <paramref name="like"/> gives the architecture and the vocabularies; none of its weights are used.
    /// </summary>
    public static TransferResult RetrainSingle(MLContext mlContext, DupnModel like, Dataset dataset, DupnTrainerOptions trainer, DupnFineTuningOptions? options = null) =>
        Adapt("RS", mlContext, like, fromPretrained: false, dataset, trainer, options);

    /// <summary>
    /// RA: the DUPN architecture trained from scratch on the pre-training tasks plus SHOP_PREF, with FT's
    /// SHOP_PREF head (on the history matches too); the last epoch is scored.
    /// </summary>
    public static TransferResult RetrainAll(MLContext mlContext, Dataset dataset, DupnModelTrainingOptions options) =>
        Retrain("RA", mlContext, dataset, options,
            [.. DupnModelTrainer.PretrainingTasks.Where(t => dataset.HasTask(t, DatasetSplit.Train)), DupnTask.ShopPref]);

    /// <summary>
    /// FT: the pre-trained network with a fresh SHOP_PREF head, fine-tuned on SHOP_PREF rows featurised with
    /// the pre-trained model's vocabularies at <see cref="DupnFineTuningOptions.HistoryLength"/>. LP-FT: the
    /// head's wide path on the history matches is probed first with every pre-trained weight frozen, then
    /// every weight is fine-tuned for <c>trainer.Epochs</c> epochs; the state (after the probe, or after a
    /// fine-tuning epoch) that does best on a validation split of the training users is kept and scored on
    /// the test rows.
    /// </summary>
    /// <param name="mlContext">The ML.NET context (logging, cancellation).</param>
    /// <param name="pretrained">The pre-trained model: its weights start the network, its vocabularies featurise the rows.</param>
    /// <param name="dataset">A dataset with shop_pref train and test files.</param>
    /// <param name="trainer">Epochs, learning rate, seed and threads of the fine-tuning stage.</param>
    /// <param name="options">The history length, the probe and the validation split (defaults: <see cref="DupnFineTuningOptions"/>).</param>
    public static TransferResult FineTune(MLContext mlContext, DupnModel pretrained, Dataset dataset, DupnTrainerOptions trainer, DupnFineTuningOptions? options = null) =>
        Adapt("FT", mlContext, pretrained, fromPretrained: true, dataset, trainer, options);

    private static TransferResult Adapt(string protocol, MLContext mlContext, DupnModel pretrained, bool fromPretrained, Dataset dataset, DupnTrainerOptions trainer, DupnFineTuningOptions? options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(pretrained);
        ArgumentNullException.ThrowIfNull(trainer);
        options ??= new DupnFineTuningOptions();
        options.Validate();
        RequireShopPref(dataset);
        var clock = Stopwatch.StartNew();
        var architecture = pretrained.Architecture;
        if (!architecture.Tasks.Contains(DupnTask.ShopPref))
            architecture = architecture with { Tasks = [.. architecture.Tasks, DupnTask.ShopPref], ShopPrefReadsHistoryMatches = options.ReadHistoryMatches };
        if (options.ProbeEpochs > 0 && !architecture.ShopPrefReadsHistoryMatches)
            throw new ArgumentException("The model's own SHOP_PREF head reads no history matches, so there is no wide path to probe: set DupnFineTuningOptions.ProbeEpochs = 0.", nameof(options));
        architecture = architecture with { MaxHistory = Math.Max(architecture.MaxHistory, options.HistoryLength) };

        Runtime.TorchRuntime.Seed(trainer.Seed);
        using var network = new DupnNetwork(architecture, trainer.CustomHeads, trainer.Dropout);
        if (fromPretrained)
            network.LoadStateDict(DupnModelTrainer.GrowInto(network.ToStateDict(), pretrained.Weights));
        var rows = DupnModelTrainer.Featurize(pretrained.Featurizer.WithMaxHistory(options.HistoryLength), dataset, [DupnTask.ShopPref])[DupnTaskNames.ShopPref];
        if (network.ReadsShopMatches)
            network.SetShopCategories(ShopCatalog.Fit(architecture.ShopVocabulary + 2, rows.Train).CategoryOfShop);
        var (train, validation) = SplitUsers(rows.Train, options.ValidationFraction, trainer.Seed);
        var data = new DupnTrainingData().Add(DupnTask.ShopPref, train, validation);
        var best = new BestState(network);

        if (options.ProbeEpochs > 0)
        {
            var tower = network.TrainableParameters().ToList();
            foreach (var p in tower)
                p.requires_grad = false;
            foreach (var (name, p) in network.named_parameters())
                p.requires_grad = name.StartsWith(DupnTaskNames.ShopPref + ".wide.", StringComparison.Ordinal);
            try
            {
                var probe = new DupnTrainerOptions
                {
                    Epochs = options.ProbeEpochs, LearningRate = options.ProbeLearningRate, BatchSize = trainer.BatchSize, Seed = trainer.Seed,
                    Threads = trainer.Threads, UseCuda = trainer.UseCuda, CheckpointDirectory = null, Dropout = trainer.Dropout,
                };
                new DupnTrainer(mlContext, probe).Fit(network, data);
            }
            finally
            {
                foreach (var (_, p) in network.named_parameters())
                    p.requires_grad = false;
                foreach (var p in tower)
                    p.requires_grad = true;
            }
            best.Offer(-1, validation.Count > 0 ? Evaluate(network, validation) : null);
        }

        var result = new DupnTrainer(mlContext, trainer).Fit(network, data, best);
        var curve = DupnModelTrainer.HistoryOf(result);
        best.Restore(validation.Count > 0);
        var test = Evaluation.DupnEvaluator.Predict(network, DupnTaskNames.ShopPref, rows.Validation);
        return new TransferResult(protocol, test.ToMetrics(), clock.Elapsed, curve)
        {
            ChosenEpoch = best.Epoch, TestRows = rows.Validation, Scores = Scores(test),
        };
    }

    private static float[] Scores(Evaluation.DupnPredictions predictions) =>
        Enumerable.Range(0, predictions.Count).Select(i => (float)predictions.Probability(i)).ToArray();

    private static Evaluation.TaskMetrics Evaluate(DupnNetwork network, IReadOnlyList<FeaturizedRow> rows) =>
        Evaluation.DupnEvaluator.Evaluate(network, DupnTaskNames.ShopPref, rows);

    /// <summary>
    /// The training rows split by user: <paramref name="fraction"/> of the users (drawn with
    /// <paramref name="seed"/>) become the validation rows, so no user is on both sides.
    /// </summary>
    internal static (IReadOnlyList<FeaturizedRow> Train, IReadOnlyList<FeaturizedRow> Validation) SplitUsers(IReadOnlyList<FeaturizedRow> rows, double fraction, long seed)
    {
        if (fraction == 0)
            return (rows, []);
        var users = rows.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(unchecked((int)seed)).Shuffle(users);
        int held = (int)Math.Round(users.Length * fraction);
        if (held == 0 || held == users.Length)
            throw new ArgumentException($"A validation fraction of {fraction} of {users.Length} users leaves {(held == 0 ? "no validation" : "no training")} user; use more users or another fraction.");
        var heldOut = users.Take(held).ToHashSet(StringComparer.Ordinal);
        return (rows.Where(r => !heldOut.Contains(r.UserId)).ToArray(), rows.Where(r => heldOut.Contains(r.UserId)).ToArray());
    }

    /// <summary>Keeps the weights of the epoch with the best validation AUC (the trainer reports each epoch's held-out metrics).</summary>
    private sealed class BestState(DupnNetwork network) : IProgress<DupnTrainingProgress>
    {
        private StateDict? _weights;
        private double _auc = double.NegativeInfinity;

        /// <summary>The chosen epoch: -1 after the probe, else the fine-tuning epoch (0-based); null before any.</summary>
        public int? Epoch { get; private set; }

        public void Report(DupnTrainingProgress value)
        {
            if (value.Metrics is { } metrics)
                Offer(value.Epoch, metrics.FirstOrDefault(m => m.Task == DupnTaskNames.ShopPref));
        }

        public void Offer(int epoch, Evaluation.TaskMetrics? metrics)
        {
            if (metrics?.Auc is not { } auc || auc <= _auc)
                return;
            (_auc, Epoch, _weights) = (auc, epoch, network.ToStateDict());
        }

        /// <summary>Loads the chosen weights back (without validation rows, the last epoch's stay).</summary>
        public void Restore(bool hadValidation)
        {
            if (hadValidation && _weights is not null)
                network.LoadStateDict(_weights);
        }
    }

    private static TransferResult Retrain(string protocol, MLContext mlContext, Dataset dataset, DupnModelTrainingOptions options, DupnTask[] tasks)
    {
        RequireShopPref(dataset);
        var clock = Stopwatch.StartNew();
        var own = new DupnModelTrainingOptions
        {
            Tasks = tasks, Variant = options.Variant, UseBatchNorm = options.UseBatchNorm, CandidateInteraction = options.CandidateInteraction,
            ShopPrefReadsHistoryMatches = true, // the head FT and RS use, so that only the training differs
            SignedL2rWeights = options.SignedL2rWeights, QueryInRepresentation = options.QueryInRepresentation,
            HistoryCountsInRepresentation = options.HistoryCountsInRepresentation, CtrScoreAsRankingFeature = options.CtrScoreAsRankingFeature, PppReadsProfileAndCounts = options.PppReadsProfileAndCounts, PppLinearPath = options.PppLinearPath, Featurizer = options.Featurizer,
            Trainer = options.Trainer, L2rWeightsByType = options.L2rWeightsByType, Validate = true,
        };
        var run = DupnModelTrainer.Train(mlContext, dataset, own);
        var curve = run.Model.Info.History
            .Select(e => e with { Metrics = e.Metrics.Where(m => m.Task == DupnTaskNames.ShopPref).ToArray() }).ToArray();
        var final = Final(curve, run.Result);
        var test = run.Data[DupnTaskNames.ShopPref].Validation;
        var predictions = Evaluation.DupnEvaluator.Predict(run.Network, DupnTaskNames.ShopPref, test);
        run.Network.Dispose();
        return new TransferResult(protocol, final, clock.Elapsed, curve) { TestRows = test, Scores = Scores(predictions) };
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
