using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Training;
using Microsoft.ML;

namespace Dupn.MLNet.Trainers;

/// <summary>
/// From a dataset folder to a saved-ready <see cref="DupnModel"/>: fit the featuriser on the
/// training files, featurise every task, build the architecture it implies, train the multi-task
/// network, re-estimate batch-norm statistics, and package weights, vocabularies and history.
/// </summary>
public static class DupnModelTrainer
{
    /// <summary>The tasks DUPN pre-trains together (SHOP_PREF is held out for transfer).</summary>
    public static readonly IReadOnlyList<DupnTask> PretrainingTasks = [DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow];

    public static DupnModelTrainingRun Train(MLContext mlContext, Dataset dataset, DupnModelTrainingOptions? options = null,
        IProgress<DupnTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => Train(mlContext, dataset, featurizer: null, options, progress, cancellationToken);

    /// <summary>
    /// Like <see cref="Train(MLContext, Dataset, DupnModelTrainingOptions?, IProgress{DupnTrainingProgress}?, CancellationToken)"/>
    /// with an already fitted <paramref name="featurizer"/> (null fits one on the dataset's training
    /// files): the caller can then featurise other rows, before training, with the vocabularies the model will have.
    /// </summary>
    public static DupnModelTrainingRun Train(MLContext mlContext, Dataset dataset, BehaviorFeaturizer? featurizer, DupnModelTrainingOptions? options = null,
        IProgress<DupnTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new DupnModelTrainingOptions();
        var tasks = ResolveTasks(dataset, options);
        featurizer ??= BehaviorFeaturizer.Fit(dataset, options.Featurizer);
        var data = Featurize(featurizer, dataset, tasks, options.Validate);
        return Train(mlContext, featurizer, data, tasks, SeenDataOf(Path.GetFullPath(dataset.Folder), data), options, progress, cancellationToken);
    }

    /// <summary>
    /// Trains on task rows featurised already (with <paramref name="featurizer"/>, whose vocabularies
    /// size the embedding tables). The built-in tasks are those of <paramref name="data"/> whose names are
    /// ctr, l2r, ppp, follow or shop_pref (unless <see cref="DupnModelTrainingOptions.Tasks"/> lists them);
    /// other names must be custom heads of the trainer options. Each task's validation rows are its held-out rows.
    /// </summary>
    public static DupnModelTrainingRun Train(MLContext mlContext, BehaviorFeaturizer featurizer, DupnTrainingData data, DupnModelTrainingOptions? options = null,
        IProgress<DupnTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new DupnModelTrainingOptions();
        var builtIn = data.Tasks.Select(t => BuiltInTask(t.Task)).OfType<DupnTask>().ToArray();
        IReadOnlyList<DupnTask> tasks = options.Tasks ?? builtIn;
        if (tasks.Count == 0)
            throw new ArgumentException($"The training data has no built-in task (ctr, l2r, ppp, follow or shop_pref); it has {string.Join(", ", data.Tasks.Select(t => t.Task))}.", nameof(data));
        foreach (var task in tasks)
        {
            if (!builtIn.Contains(task))
                throw new ArgumentException($"DupnModelTrainingOptions.Tasks lists {DupnTaskNames.Of(task)}, but the training data has no rows for it.", nameof(options));
        }
        if (options.SingleTask && tasks.Count != 1)
            throw new ArgumentException($"Single-task training needs exactly one task; {tasks.Count} were given ({string.Join(", ", tasks.Select(DupnTaskNames.Of))}).");
        return Train(mlContext, featurizer, data, tasks, SeenDataOf("(featurised rows)", data), options, progress, cancellationToken);
    }

    private static DupnModelTrainingRun Train(MLContext mlContext, BehaviorFeaturizer featurizer, DupnTrainingData data, IReadOnlyList<DupnTask> tasks,
        SeenData seen, DupnModelTrainingOptions options, IProgress<DupnTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var architecture = DupnArchitectureFactory.FromFeaturizer(featurizer, tasks, options);

        var trainerOptions = options.Trainer;
        if (tasks.Contains(DupnTask.L2r) && trainerOptions.L2rWeights is null)
            trainerOptions.L2rWeights = L2rWeights(featurizer, options.L2rWeightsByType);
        if (options.SingleTask)
            trainerOptions.SingleTask = DupnTaskNames.Of(tasks[0]);

        var result = new DupnTrainer(mlContext, trainerOptions).Fit(architecture, data, progress, cancellationToken);

        if (architecture.UseBatchNorm)
            result.Network.RecomputeBatchNormStatistics(data.Tasks.SelectMany(t => t.Train).ToArray());

        var info = new DupnModelInfo
        {
            SeenData = [seen],
            History = HistoryOf(result),
            Training = new Dictionary<string, string>
            {
                ["optimizer"] = trainerOptions.Optimizer.ToString(),
                ["learningRate"] = trainerOptions.LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                ["batchSize"] = trainerOptions.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["epochs"] = result.Epochs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["steps"] = result.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["seed"] = trainerOptions.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["singleTask"] = options.SingleTask.ToString(),
            },
        };
        var model = new DupnModel(architecture, featurizer, result.Network.ToStateDict(), info);
        return new DupnModelTrainingRun(model, result.Network, result, data);
    }

    private static DupnTask? BuiltInTask(string name) => name switch
    {
        DupnTaskNames.Ctr => DupnTask.Ctr,
        DupnTaskNames.L2r => DupnTask.L2r,
        DupnTaskNames.Ppp => DupnTask.Ppp,
        DupnTaskNames.Follow => DupnTask.Follow,
        DupnTaskNames.ShopPref => DupnTask.ShopPref,
        _ => null,
    };

    /// <summary>
    /// Incremental training (docs/paper.md 7.1): continues <paramref name="from"/> on <paramref name="dataset"/>
    /// (e.g. the newest day). Vocabularies grow (<see cref="BehaviorFeaturizer.ExtendWith"/>): every
    /// known id keeps its learned embedding row, ids first seen get fresh rows; every other weight
    /// starts from the model's. The model's variant and dimensions are kept; the tasks default to
    /// the model's tasks that the new data has.
    /// </summary>
    public static DupnModelTrainingRun Continue(MLContext mlContext, DupnModel from, Dataset dataset, DupnModelTrainingOptions? options = null,
        IProgress<DupnTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new DupnModelTrainingOptions();
        options.Tasks ??= from.Architecture.Tasks.Where(t => dataset.HasTask(t, DatasetSplit.Train)).ToArray();
        var tasks = ResolveTasks(dataset, options);
        foreach (var task in tasks)
        {
            if (!from.Architecture.Tasks.Contains(task))
                throw new ArgumentException($"The model has no {DupnTaskNames.Of(task)} head to continue; it was trained on {string.Join(", ", from.Architecture.Tasks.Select(DupnTaskNames.Of))}.");
        }

        var featurizer = from.Featurizer.ExtendWith(dataset);
        // Only the vocabulary sizes are read from it; the structure stays the trained model's.
        var sizes = DupnArchitectureFactory.FromFeaturizer(featurizer, from.Architecture.Tasks.Where(t => t != DupnTask.L2r || featurizer.RankingFeatures > 0).ToArray());
        var architecture = from.Architecture with
        {
            ItemVocabulary = sizes.ItemVocabulary, ShopVocabulary = sizes.ShopVocabulary, BrandVocabulary = sizes.BrandVocabulary,
            CategoryVocabulary = sizes.CategoryVocabulary, TagVocabulary = sizes.TagVocabulary, TypeVocabulary = sizes.TypeVocabulary,
            SceneVocabulary = sizes.SceneVocabulary, QueryVocabulary = sizes.QueryVocabulary, TalentVocabulary = sizes.TalentVocabulary,
            TalentTagVocabulary = sizes.TalentTagVocabulary, ProfileVocabularies = sizes.ProfileVocabularies,
        };
        var data = Featurize(featurizer, dataset, tasks, options.Validate);

        var trainerOptions = options.Trainer;
        if (tasks.Contains(DupnTask.L2r) && trainerOptions.L2rWeights is null)
            trainerOptions.L2rWeights = L2rWeights(featurizer, options.L2rWeightsByType);
        Runtime.TorchRuntime.Seed(trainerOptions.Seed);
        var network = new DupnNetwork(architecture, trainerOptions.CustomHeads, trainerOptions.Dropout);
        network.LoadStateDict(GrowInto(network.ToStateDict(), from.Weights));

        var result = new DupnTrainer(mlContext, trainerOptions).Fit(network, data, progress, cancellationToken);
        if (architecture.UseBatchNorm)
            network.RecomputeBatchNormStatistics(data.Tasks.SelectMany(t => t.Train).ToArray());

        var info = from.Info with
        {
            CreatedUtc = DateTimeOffset.UtcNow,
            FormatVersion = DupnModel.CurrentFormatVersion,
            LibraryVersion = DupnModel.LibraryVersion,
            SeenData = [.. from.Info.SeenData, SeenDataOf(Path.GetFullPath(dataset.Folder), data)],
            History = HistoryOf(result),
        };
        return new DupnModelTrainingRun(new DupnModel(architecture, featurizer, network.ToStateDict(), info), network, result, data);
    }

    /// <summary>
    /// <paramref name="fresh"/> (a newly initialised network's state) with every tensor of
    /// <paramref name="trained"/> copied in; where a table grew, the trained rows fill its first rows.
    /// </summary>
    public static StateDict GrowInto(StateDict fresh, StateDict trained)
    {
        var merged = new StateDict();
        foreach (string name in fresh.Names)
        {
            var target = fresh[name];
            if (!trained.Contains(name))
            {
                merged.Add(name, target.Shape, target.Values);
                continue;
            }
            var source = trained[name];
            if (source.Shape.SequenceEqual(target.Shape))
            {
                merged.Add(name, target.Shape, source.Values);
                continue;
            }
            bool rowsGrew = source.Shape.Length == target.Shape.Length && source.Shape[0] <= target.Shape[0]
                && source.Shape.Skip(1).SequenceEqual(target.Shape.Skip(1));
            if (!rowsGrew)
                throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(",", source.Shape)}] in the trained model but [{string.Join(",", target.Shape)}] in the continued one; only embedding tables may grow.");
            var values = (float[])target.Values.Clone();
            Array.Copy(source.Values, values, source.Values.Length);
            merged.Add(name, target.Shape, values);
        }
        return merged;
    }

    /// <summary>The tasks to train: the ones asked for (each must have a training file), or every pre-training task the dataset has.</summary>
    public static IReadOnlyList<DupnTask> ResolveTasks(Dataset dataset, DupnModelTrainingOptions options)
    {
        IReadOnlyList<DupnTask> tasks = options.Tasks
            ?? PretrainingTasks.Where(t => dataset.HasTask(t, DatasetSplit.Train)).ToArray();
        if (tasks.Count == 0)
            throw new InvalidDataException($"{dataset.Folder} has no training file of a pre-training task (ctr, l2r, ppp or follow); see docs/dataset-format.md.");
        foreach (var task in tasks)
        {
            if (!dataset.HasTask(task, DatasetSplit.Train))
                throw new InvalidDataException($"{dataset.Folder} has no {DatasetSchema.FileName(task, DatasetSplit.Train)} for the task {DupnTaskNames.Of(task)}.");
        }
        if (options.SingleTask && tasks.Count != 1)
            throw new ArgumentException($"Single-task training needs exactly one task; {tasks.Count} were given ({string.Join(", ", tasks.Select(DupnTaskNames.Of))}).");
        return tasks;
    }

    /// <summary>Featurised train (and, when present and asked for, test) rows of each task.</summary>
    public static DupnTrainingData Featurize(BehaviorFeaturizer featurizer, Dataset dataset, IReadOnlyList<DupnTask> tasks, bool withTest = true)
    {
        var data = new DupnTrainingData();
        // CTR and L2R rows are the same impressions: one window per (user, timestamp) across every file.
        var histories = new SharedHistoryWindows();
        foreach (var task in tasks)
        {
            var datasetTask = task;
            var train = featurizer.Transform(dataset, datasetTask, DatasetSplit.Train, histories);
            var test = withTest && dataset.HasTask(datasetTask, DatasetSplit.Test)
                ? featurizer.Transform(dataset, datasetTask, DatasetSplit.Test, histories)
                : [];
            data.Add(task, train, test);
        }
        return data;
    }

    private static L2rSampleWeights L2rWeights(BehaviorFeaturizer featurizer, IReadOnlyDictionary<string, float>? byName)
    {
        var indexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < featurizer.Type.Ids.Count; i++)
            indexByName[featurizer.Type.Ids[i]] = i + 2;
        var weights = (byName ?? L2rSampleWeights.DefaultWeightsByName)
            .Where(p => indexByName.ContainsKey(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        return L2rSampleWeights.FromTypeNames(indexByName, weights);
    }

    private static SeenData SeenDataOf(string source, DupnTrainingData data)
    {
        var rows = data.Tasks.SelectMany(t => t.Train).ToArray();
        return new SeenData(
            source,
            data.Tasks.Select(t => t.Task).ToArray(),
            rows.LongLength,
            rows.Length == 0 ? 0 : rows.Min(r => r.Timestamp),
            rows.Length == 0 ? 0 : rows.Max(r => r.Timestamp));
    }

    /// <summary>
    /// The held-out metrics of every epoch the trainer reports, including epochs finished before a
    /// resume (they come back from the checkpoint), so a resumed model records its whole history.
    /// </summary>
    internal static List<DupnEpochMetrics> HistoryOf(DupnTrainingResult result) =>
        result.Epochs.Where(e => e.Metrics.Count > 0).Select(e => new DupnEpochMetrics(e.Epoch, e.Step, e.Metrics.ToArray())).ToList();
}

/// <summary>What <c>DupnModelTrainer.Train</c> (or <c>Continue</c>) produced: the model to save, the live network, the trainer's result and the featurised data.</summary>
public sealed record DupnModelTrainingRun(DupnModel Model, DupnNetwork Network, DupnTrainingResult Result, DupnTrainingData Data);

/// <summary>Held-out metrics of every task after one epoch, and the training step it ended at.</summary>
public sealed record DupnEpochMetrics(int Epoch, long Step, IReadOnlyList<TaskMetrics> Metrics);
