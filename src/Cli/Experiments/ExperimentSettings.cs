using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Experiments;

/// <summary>
/// What every experiment shares: the seeds it repeats over and how DUPN is trained. Each experiment
/// trains with <see cref="Training"/> so that a table's rows differ only in what the row names.
/// </summary>
public sealed record ExperimentSettings
{
    /// <summary>Seeds of training (and of the baselines' learners); each result is a mean over them.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>DUPN training epochs.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>N, behaviours kept per history (models and baselines alike).</summary>
    public int SeqLen { get; init; } = 30;

    /// <summary>libtorch CPU threads (1 is fastest on 2 cores, measured).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The trainer defaults with this experiment's epochs, seed and threads, without checkpoints.</summary>
    public DupnTrainerOptions Trainer(int seed, int? epochs = null) => new()
    {
        Epochs = epochs ?? Epochs, Seed = seed, Threads = Threads, CheckpointDirectory = null,
    };

    /// <summary>The featuriser options every model of an experiment shares.</summary>
    public BehaviorFeaturizerOptions Featurizer => new() { MaxHistory = SeqLen };

    /// <summary>Model-trainer options for one DUPN run.</summary>
    public DupnModelTrainingOptions Training(int seed, DupnVariant variant = DupnVariant.All, IReadOnlyList<DupnTask>? tasks = null,
        bool singleTask = false, int? epochs = null) => new()
    {
        Variant = variant, Tasks = tasks, SingleTask = singleTask, Featurizer = Featurizer, Trainer = Trainer(seed, epochs),
    };

    /// <summary>One line saying how DUPN was trained, for the results files.</summary>
    public string Describe()
    {
        var t = Trainer(Seeds[0]);
        return $"seeds {string.Join(",", Seeds)}; DUPN: {t.Optimizer} lr {t.LearningRate:G3}, batch {t.BatchSize}, {Epochs} epochs, N = {SeqLen}, {Threads} libtorch thread(s)";
    }
}
