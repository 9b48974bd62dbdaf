using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers.Modules;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// Options of <see cref="DupnTrainer"/>. Defaults are what was measured to converge on small data
/// (see <see cref="Optimizer"/>, <see cref="LearningRate"/>, <see cref="BatchSize"/>,
/// <see cref="Epochs"/>); <see cref="PaperSettings"/> gives the paper's settings, one call away.
/// </summary>
public sealed class DupnTrainerOptions
{
    // Measured (synthetic planted-signal data, 4 tasks x 3,000 training rows, 1,000 held-out rows
    // per task, paper dimensions, 3 epochs; held-out CTR / L2R / FOLLOW AUC and PPP accuracy):
    //   AdaGrad 1e-3, batch 1,024 (paper)  CTR 0.543  L2R 0.500*  FOLLOW 0.468  PPP 29.6%
    //   AdaGrad 1e-3, batch 128            CTR 0.518  L2R 0.500*  FOLLOW 0.500  PPP 54.9%
    //   Adam    1e-3, batch 1,024          CTR 0.501  L2R 0.500*  FOLLOW 0.481  PPP 45.5%
    //   Adam    1e-3, batch 128            CTR 0.567  L2R 0.500*  FOLLOW 0.687  PPP 63.9%
    //   AdaGrad 1e-2, batch 128 (default)  CTR 0.680  L2R 0.930   FOLLOW 0.736  PPP 62.7%
    // (* before the L2R initialisation fix, see L2rHead; chance is AUC 0.5 and PPP 16.7%.)

    /// <summary>
    /// Passes over every task's rows. Default 3 (measured: with the defaults below, held-out AUCs
    /// were still rising at epoch 3 on 3,000 rows per task; raise it for bigger data or use early stopping).
    /// </summary>
    public int Epochs { get; set; } = 3;

    /// <summary>
    /// Rows per mini-batch. Default 128 (measured: with a few thousand rows per task the paper's
    /// 1,024 leaves too few updates to learn anything in 3 epochs). Paper: 1,024.
    /// </summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Default AdaGrad, the paper's optimiser (measured best of AdaGrad and Adam here, at learning rate 1e-2).</summary>
    public DupnOptimizer Optimizer { get; set; } = DupnOptimizer.AdaGrad;

    /// <summary>
    /// Default 1e-2 (measured: the paper's 1e-3 learns almost nothing in 3 epochs on small data,
    /// with AdaGrad or Adam). Paper: 1e-3.
    /// </summary>
    public double LearningRate { get; set; } = 1e-2;

    /// <summary>L2 regularisation as the optimiser's weight decay (the paper uses L2 without a value). Default 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Dropout after every hidden fully connected output, training only. Default 0.2 (the paper's keep-prob 0.8).</summary>
    public double Dropout { get; set; } = 0.2;

    /// <summary>
    /// Id dropout, training only: the probability that a history step's item, shop and brand ids are
    /// each hidden (replaced by the unknown id). Default 0. See <see cref="Modules.DupnNetwork.IdDropout"/>.
    /// </summary>
    public double IdDropout { get; set; }

    /// <summary>Seeds initialisation, shuffling, task sampling and dropout: same seed and data give identical weights on CPU. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>How each step picks its task. Default <see cref="TaskSampling.Proportional"/>.</summary>
    public TaskSampling TaskSampling { get; set; } = TaskSampling.Proportional;

    /// <summary>Per-task loss weights by task name (missing tasks weigh 1).</summary>
    public Dictionary<string, double> TaskWeights { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Passes over a task's rows per epoch, by task name (missing tasks pass once): over-samples a
    /// small task so that it gets more of the shared network's steps. Each pass is its own shuffle.
    /// With proportional sampling a task repeated r times is also drawn r times as often. A name that
    /// is not a trained task is an error. Default null: PPP passes <see cref="PppRepeats"/> times when
    /// it is trained together with other tasks, every other task (and PPP alone) once.
    /// <see cref="PaperSettings"/> sets it empty (one pass for all).
    /// </summary>
    public Dictionary<string, int>? TaskRepeats { get; set; }

    /// <summary>
    /// PPP's default passes per epoch in multi-task training (<see cref="TaskRepeats"/>). PPP has one
    /// row per user, about one step in eighteen; trained alone it needs about twelve passes to reach
    /// what the data allows, so with three epochs it gets four passes each.
    /// </summary>
    public const int PppRepeats = 4;

    /// <summary>
    /// Learning-rate factor by task name: a step of that task updates the weights at
    /// <see cref="LearningRate"/> times the factor (tasks not named: 1). Each step trains one task, so
    /// the factor reaches that task's head and whatever part of the shared network its loss reaches. A
    /// name that is not a trained task is an error. Default null: PPP at <see cref="PppLearningRateFactor"/>
    /// when it is trained, every other task at 1. <see cref="PaperSettings"/> sets it empty (one rate for all).
    /// </summary>
    public Dictionary<string, double>? TaskLearningRateFactors { get; set; }

    /// <summary>
    /// PPP's default learning-rate factor (<see cref="TaskLearningRateFactors"/>). PPP has one row per
    /// user, so far fewer steps than CTR and L2R, and with its head on [u ; c] it no longer memorises
    /// through the query-steered part of rep: it is held back by how slowly it learns.
    /// </summary>
    public const double PppLearningRateFactor = 3;

    /// <summary>Train this one task alone (the paper's single-task comparison); null trains every task that has data. Default null.</summary>
    public string? SingleTask { get; set; }

    /// <summary>L2R sample weights n_i by behaviour-type index; null weighs every row 1. Build the paper's buy &gt; cart &gt; fav &gt; click with <see cref="L2rSampleWeights.FromTypeNames"/>.</summary>
    public L2rSampleWeights? L2rWeights { get; set; }

    /// <summary>User-defined heads on rep (their data is added under their names). Default none.</summary>
    public List<CustomHeadDefinition> CustomHeads { get; set; } = [];

    /// <summary>Skip-gram settings for the w2v variant's item embeddings (pre-trained on the training histories when a fresh w2v network is built).</summary>
    public Pretraining.SkipGramOptions SkipGram { get; set; } = new();

    /// <summary>Rows per batch when evaluating. Default 1,024.</summary>
    public int EvaluationBatchSize { get; set; } = 1024;

    /// <summary>Task whose held-out metric early stopping watches; null disables early stopping. Default null.</summary>
    public string? EarlyStoppingTask { get; set; }

    /// <summary>The watched metric. Default AUC.</summary>
    public DupnMetric EarlyStoppingMetric { get; set; } = DupnMetric.Auc;

    /// <summary>Epochs without improvement before stopping. Default 2.</summary>
    public int EarlyStoppingPatience { get; set; } = 2;

    /// <summary>Folder for checkpoints; null writes none. Default null.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Also checkpoint every this many steps (0: only at the end of each epoch). Default 0.</summary>
    public int CheckpointEverySteps { get; set; }

    /// <summary>Continue from the latest checkpoint in <see cref="CheckpointDirectory"/> when there is one. Default false.</summary>
    public bool Resume { get; set; }

    /// <summary>
    /// libtorch intra-op threads; 0 keeps libtorch's default (one per core). Default 0. On a
    /// machine shared with other work, 1 can be much faster for small models (measured: a small
    /// run took 26 s with 2 threads and 2 s with 1 on a 2-core machine under load 13).
    /// </summary>
    public int Threads { get; set; }

    /// <summary>Use CUDA when TorchSharp reports it. Default true.</summary>
    public bool UseCuda { get; set; } = true;

    /// <summary>The paper's settings (docs/paper.md section 5): AdaGrad, learning rate 1e-3, batch 1,024.</summary>
    public static DupnTrainerOptions PaperSettings() => new()
    {
        Optimizer = DupnOptimizer.AdaGrad,
        LearningRate = 1e-3,
        BatchSize = 1024,
        TaskRepeats = new(StringComparer.Ordinal),
        TaskLearningRateFactors = new(StringComparer.Ordinal),
    };

    internal void Validate()
    {
        if (Epochs <= 0) throw new ArgumentException($"DupnTrainerOptions.Epochs must be positive; it is {Epochs}.");
        if (BatchSize <= 0) throw new ArgumentException($"DupnTrainerOptions.BatchSize must be positive; it is {BatchSize}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"DupnTrainerOptions.LearningRate must be positive; it is {LearningRate}.");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"DupnTrainerOptions.WeightDecay must not be negative; it is {WeightDecay}.");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentException($"DupnTrainerOptions.Dropout must be in [0, 1); it is {Dropout}.");
        if (!(IdDropout >= 0 && IdDropout < 1)) throw new ArgumentException($"DupnTrainerOptions.IdDropout must be in [0, 1); it is {IdDropout}.");
        if (EvaluationBatchSize <= 0) throw new ArgumentException($"DupnTrainerOptions.EvaluationBatchSize must be positive; it is {EvaluationBatchSize}.");
        if (EarlyStoppingPatience <= 0) throw new ArgumentException($"DupnTrainerOptions.EarlyStoppingPatience must be positive; it is {EarlyStoppingPatience}.");
        if (CheckpointEverySteps < 0) throw new ArgumentException($"DupnTrainerOptions.CheckpointEverySteps must not be negative; it is {CheckpointEverySteps}.");
        if (Resume && CheckpointDirectory is null) throw new ArgumentException("DupnTrainerOptions.Resume needs a CheckpointDirectory.");
        foreach (var (task, passes) in TaskRepeats ?? [])
            if (passes < 1)
                throw new ArgumentException($"DupnTrainerOptions.TaskRepeats['{task}'] must be at least 1; it is {passes}.");
        foreach (var (task, factor) in TaskLearningRateFactors ?? [])
            if (!(factor > 0) || double.IsInfinity(factor))
                throw new ArgumentException($"DupnTrainerOptions.TaskLearningRateFactors['{task}'] must be positive and finite; it is {factor}.");
        foreach (var (task, weight) in TaskWeights)
            if (!(weight >= 0) || double.IsInfinity(weight))
                throw new ArgumentException($"DupnTrainerOptions.TaskWeights['{task}'] must be finite and non-negative; it is {weight}.");
    }
}
