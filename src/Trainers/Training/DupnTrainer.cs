using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Pretraining;
using Dupn.MLNet.Trainers.Runtime;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// Multi-task training of DUPN (docs/paper.md section 5): the task datasets stay separate, each step
/// draws a mini-batch from one task (<see cref="DupnTrainerOptions.TaskSampling"/>) and updates
/// the shared network and that task's head with the task's weighted loss. Every epoch ends with
/// held-out metrics per task, logged through the MLContext and reported through
/// <see cref="IProgress{T}"/>; checkpoints make a run resumable to the same weights.
/// </summary>
public sealed class DupnTrainer
{
    private readonly IHost _host;
    private readonly DupnTrainerOptions _options;

    /// <param name="mlContext">Where progress and metrics are logged (subscribe to <c>mlContext.Log</c>).</param>
    /// <param name="options">Training options (documented defaults when null).</param>
    public DupnTrainer(MLContext mlContext, DupnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _host = ((IHostEnvironment)mlContext).Register(nameof(DupnTrainer));
        _options = options ?? new DupnTrainerOptions();
        _options.Validate();
    }

    /// <summary>Builds a fresh network for <paramref name="architecture"/> (seeded) and trains it.</summary>
    public DupnTrainingResult Fit(DupnArchitecture architecture, DupnTrainingData data,
        IProgress<DupnTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        TorchRuntime.SetThreads(_options.Threads);
        TorchRuntime.Seed(_options.Seed);
        var network = new DupnNetwork(architecture, _options.CustomHeads, _options.Dropout);
        // DUPN-w2v: item vectors pre-trained by skip-gram over the training histories, then frozen.
        if (architecture.Variant == DupnVariant.W2v)
        {
            using var table = SkipGramItemEmbeddings.Train(data.Tasks.SelectMany(t => t.Train), architecture.ItemVocabulary + 2, architecture.ItemDim, _options.SkipGram);
            network.Embeddings.LoadItemTable(table);
        }
        if (network.ReadsShopMatches)
            network.SetShopCategories(ShopCatalog.Fit(architecture.ShopVocabulary + 2, data.Tasks.SelectMany(t => t.Train)).CategoryOfShop);
        // A fresh L2R head starts at the base rate (see L2rHead.InitializeIntercept).
        if (network.TaskNames.Contains(DupnTaskNames.L2r) && _options.SingleTask is null or DupnTaskNames.L2r && data.Tasks.FirstOrDefault(t => t.Task == DupnTaskNames.L2r) is { Train.Count: > 0 } l2rData)
        {
            double weighted = 0, total = 0;
            foreach (var row in l2rData.Train)
            {
                double n = _options.L2rWeights?.WeightOf(row.BehaviorType) ?? 1.0;
                weighted += n * row.Label;
                total += n;
            }
            ((L2rHead)network.Head(DupnTaskNames.L2r)).InitializeIntercept(total > 0 ? weighted / total : 0.5);
        }
        return Fit(network, data, progress, cancellationToken);
    }

    /// <summary>Trains <paramref name="network"/> from its current weights (fine-tuning, continued training).</summary>
    public DupnTrainingResult Fit(DupnNetwork network, DupnTrainingData data,
        IProgress<DupnTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        TorchRuntime.SetThreads(_options.Threads);
        var device = TorchRuntime.SelectDevice(_options.UseCuda);
        network.to(device);
        network.IdDropout = _options.IdDropout;

        var tasks = SelectTasks(network, data);
        var collator = new DupnCollator(network.Architecture, ScalarType.Float32, device);
        var optimizer = CreateOptimizer(network);
        var taskRepeats = TaskRepeats(tasks);
        var factors = LearningRateFactors(tasks);
        var learningRates = tasks.Select(t => _options.LearningRate * factors.GetValueOrDefault(t.Task, 1.0)).ToArray();
        var state = new TrainerState
        {
            TaskRows = tasks.ToDictionary(t => t.Task, t => t.Train.Count),
            TaskRepeats = taskRepeats.Where(kv => kv.Value != 1).ToDictionary(kv => kv.Key, kv => kv.Value),
            LearningRates = tasks.Select((t, i) => (t.Task, Rate: learningRates[i])).ToDictionary(x => x.Task, x => x.Rate),
        };

        using var channel = _host.Start("Training");
        CheckpointStore? checkpoints = _options.CheckpointDirectory is null ? null : new CheckpointStore(_options.CheckpointDirectory);
        if (checkpoints is not null && _options.Resume && checkpoints.TryLoad(network, optimizer, out var saved))
        {
            if (!saved.TaskRows.OrderBy(kv => kv.Key).SequenceEqual(state.TaskRows.OrderBy(kv => kv.Key)))
                throw new InvalidOperationException(
                    $"The checkpoint in {_options.CheckpointDirectory} was trained on other data (rows per task: {Describe(saved.TaskRows)}; now: {Describe(state.TaskRows)}).");
            if (!saved.TaskRepeats.OrderBy(kv => kv.Key).SequenceEqual(state.TaskRepeats.OrderBy(kv => kv.Key)))
                throw new InvalidOperationException(
                    $"The checkpoint in {_options.CheckpointDirectory} was trained with other task repeats ({Describe(saved.TaskRepeats)}; now: {Describe(state.TaskRepeats)}); resume with the same DupnTrainerOptions.TaskRepeats.");
            if (saved.LearningRates.Count > 0 && !saved.LearningRates.OrderBy(kv => kv.Key).SequenceEqual(state.LearningRates.OrderBy(kv => kv.Key)))
                channel.Warning(MessageSensitivity.None,
                    $"Resuming with other learning rates than the checkpoint in {_options.CheckpointDirectory} was trained with ({Describe(saved.LearningRates)}; now: {Describe(state.LearningRates)}): the run goes on at the new rates and will not reach the weights of an uninterrupted one.");
            saved.LearningRates = state.LearningRates;
            state = saved;
            Log(channel, $"Resuming from epoch {state.Epoch}, step {state.StepInEpoch} of the epoch ({state.GlobalStep} steps in all).");
        }

        var sizes = tasks.Select(t => t.Train.Count).ToArray();
        var repeats = tasks.Select(t => taskRepeats.GetValueOrDefault(t.Task, 1)).ToArray();
        bool stoppedEarly = state.StoppedEarly; // a run that had stopped early stays stopped when resumed
        for (int epoch = state.Epoch; epoch < _options.Epochs && !stoppedEarly; epoch++)
        {
            var plan = TrainingPlan.ForEpoch(sizes, _options.BatchSize, _options.Seed, epoch, _options.TaskSampling, repeats);
            for (int s = epoch == state.Epoch ? state.StepInEpoch : 0; s < plan.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (taskIndex, rowIndices) = plan[s];
                var task = tasks[taskIndex];
                double loss = Step(network, optimizer, collator, task, rowIndices, state.GlobalStep, learningRates[taskIndex]);
                state.GlobalStep++;
                state.Epoch = epoch;
                state.StepInEpoch = s + 1;
                state.LossSums[task.Task] = state.LossSums.GetValueOrDefault(task.Task) + loss;
                state.LossCounts[task.Task] = state.LossCounts.GetValueOrDefault(task.Task) + 1;
                progress?.Report(new DupnTrainingProgress(epoch, state.GlobalStep, s + 1, plan.Count, task.Task, loss, null));
                if (checkpoints is not null && _options.CheckpointEverySteps > 0 && state.GlobalStep % _options.CheckpointEverySteps == 0 && s + 1 < plan.Count)
                    checkpoints.Save(network, optimizer, state);
            }

            var metrics = tasks.Where(t => t.Validation.Count > 0)
                .Select(t => DupnEvaluator.Evaluate(network, t.Task, t.Validation, _options.EvaluationBatchSize)).ToList();
            var report = new DupnEpochReport(epoch,
                state.LossCounts.ToDictionary(kv => kv.Key, kv => state.LossSums[kv.Key] / kv.Value), metrics)
            { Step = state.GlobalStep };
            state.History.Add(report);
            Log(channel, $"Epoch {epoch + 1}/{_options.Epochs}: train loss {string.Join(", ", report.MeanTrainLoss.Select(kv => $"{kv.Key} {kv.Value:F4}"))}; held out: {string.Join("; ", metrics)}.");
            progress?.Report(new DupnTrainingProgress(epoch, state.GlobalStep, plan.Count, plan.Count, null, double.NaN, metrics));

            stoppedEarly = UpdateEarlyStopping(state, metrics, channel);
            state.StoppedEarly = stoppedEarly;
            state.Epoch = epoch + 1;
            state.StepInEpoch = 0;
            state.LossSums.Clear();
            state.LossCounts.Clear();
            if (checkpoints is not null)
                checkpoints.Save(network, optimizer, state);
        }

        network.eval();
        return new DupnTrainingResult(network, state.History, state.GlobalStep, stoppedEarly);
    }

    private double Step(DupnNetwork network, OptimizerHelper optimizer, DupnCollator collator, DupnTaskData task, int[] rowIndices, long globalStep, double learningRate)
    {
        using var scope = NewDisposeScope();
        // Dropout draws from libtorch's global generator: seeding it per step makes a resumed run
        // draw exactly what an uninterrupted one would, without saving generator state.
        TorchRuntime.Seed(unchecked(_options.Seed * 1_000_003L + globalStep));
        network.train();
        network.zero_grad(set_to_none: true); // heads of other tasks keep no gradient, so the optimiser leaves them alone
        var rows = rowIndices.Select(i => task.Train[i]).ToArray();
        using var batch = collator.Collate(rows, TaskTargets.LabelOf(network, task.Task));
        var head = network.Head(task.Task);
        var output = network.TaskOutput(task.Task, network.call(batch).Rep, batch);
        var loss = TaskLoss.Compute(head.Objective, output, batch,
            head.Objective == HeadObjective.MultiClass ? TaskTargets.ClassTargets(network, task.Task, batch) : null,
            head.Objective == HeadObjective.WeightedRanking ? TaskTargets.SampleWeights(_options.L2rWeights, batch) : null);
        double weight = _options.TaskWeights.GetValueOrDefault(task.Task, 1.0);
        (loss * weight).backward();
        // AdaGrad divides by each weight's own gradient history, so a loss weight barely changes its
        // steps; a task that should learn faster gets a larger rate for its own steps instead.
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = learningRate;
        optimizer.step();
        double value = loss.item<float>();
        if (!double.IsFinite(value))
            throw new InvalidOperationException($"The {task.Task} loss became {value} at step {globalStep}; lower the learning rate or check the rows.");
        return value;
    }

    private OptimizerHelper CreateOptimizer(DupnNetwork network)
    {
        var parameters = network.TrainableParameters().ToList();
        return _options.Optimizer switch
        {
            DupnOptimizer.Adam => optim.Adam(parameters, lr: _options.LearningRate, weight_decay: _options.WeightDecay),
            DupnOptimizer.AdaGrad => optim.Adagrad(parameters, lr: _options.LearningRate, weight_decay: _options.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(_options.Optimizer), _options.Optimizer, "Unknown optimiser."),
        };
    }

    /// <summary>The options' repeats, or the measured default (PPP more often, when it shares the network) when they leave it to the trainer.</summary>
    private IReadOnlyDictionary<string, int> TaskRepeats(IReadOnlyList<DupnTaskData> tasks) =>
        _options.TaskRepeats
        ?? (tasks.Count > 1 && tasks.Any(t => t.Task == DupnTaskNames.Ppp)
            ? new Dictionary<string, int>(StringComparer.Ordinal) { [DupnTaskNames.Ppp] = DupnTrainerOptions.PppRepeats }
            : new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>The options' factors, or the measured default (PPP faster) when they leave it to the trainer.</summary>
    private IReadOnlyDictionary<string, double> LearningRateFactors(IReadOnlyList<DupnTaskData> tasks) =>
        _options.TaskLearningRateFactors
        ?? (tasks.Any(t => t.Task == DupnTaskNames.Ppp)
            ? new Dictionary<string, double>(StringComparer.Ordinal) { [DupnTaskNames.Ppp] = DupnTrainerOptions.PppLearningRateFactor }
            : new Dictionary<string, double>(StringComparer.Ordinal));

    private List<DupnTaskData> SelectTasks(DupnNetwork network, DupnTrainingData data)
    {
        var tasks = data.Tasks.ToList();
        if (_options.SingleTask is not null)
            tasks = [data[_options.SingleTask]];
        if (tasks.Count == 0)
            throw new ArgumentException("No task data to train on: add at least one task to DupnTrainingData.");
        foreach (var task in tasks)
        {
            network.Head(task.Task); // throws naming the heads there are
            if (task.Train.Count == 0)
                throw new ArgumentException($"Task '{task.Task}' has no training rows.");
        }
        var unknown = (_options.TaskRepeats ?? []).Keys.Where(name => !tasks.Any(t => t.Task == name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"DupnTrainerOptions.TaskRepeats names {string.Join(", ", unknown.Select(n => $"'{n}'"))}, which is not a trained task ({string.Join(", ", tasks.Select(t => t.Task))}).");
        var unknownFactors = (_options.TaskLearningRateFactors ?? []).Keys.Where(name => !tasks.Any(t => t.Task == name)).Order(StringComparer.Ordinal).ToList();
        if (unknownFactors.Count > 0)
            throw new ArgumentException($"DupnTrainerOptions.TaskLearningRateFactors names {string.Join(", ", unknownFactors.Select(n => $"'{n}'"))}, which is not a trained task ({string.Join(", ", tasks.Select(t => t.Task))}).");
        if (_options.EarlyStoppingTask is not null && !tasks.Any(t => t.Task == _options.EarlyStoppingTask && t.Validation.Count > 0))
            throw new ArgumentException($"Early stopping watches task '{_options.EarlyStoppingTask}', which has no held-out rows among the trained tasks ({string.Join(", ", tasks.Select(t => t.Task))}).");
        return tasks;
    }

    private bool UpdateEarlyStopping(TrainerState state, List<TaskMetrics> metrics, IChannel channel)
    {
        if (_options.EarlyStoppingTask is null)
            return false;
        double value = metrics.First(m => m.Task == _options.EarlyStoppingTask).Get(_options.EarlyStoppingMetric);
        bool better = state.BestMetric is not double best
            || (_options.EarlyStoppingMetric.HigherIsBetter() ? value > best : value < best);
        if (better)
        {
            state.BestMetric = value;
            state.EpochsWithoutImprovement = 0;
            return false;
        }
        state.EpochsWithoutImprovement++;
        if (state.EpochsWithoutImprovement < _options.EarlyStoppingPatience)
            return false;
        Log(channel, $"Early stopping: {_options.EarlyStoppingTask} {_options.EarlyStoppingMetric} has not improved on {state.BestMetric:F4} for {state.EpochsWithoutImprovement} epochs.");
        return true;
    }

    private static void Log(IChannel channel, string message) =>
        channel.Info(MessageSensitivity.None, message);

    private static string Describe<T>(Dictionary<string, T> values) where T : IFormattable =>
        values.Count == 0 ? "none" : string.Join(", ", values.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value.ToString(null, System.Globalization.CultureInfo.InvariantCulture)}"));
}
