using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Training;

namespace Dupn.MLNet.Trainers;

/// <summary>
/// Options of the training <c>mlContext.Transforms.DupnUserEmbedding(...)</c>: the task data the
/// multi-task network learns from, how it is trained, and the columns of the fitted transform.
/// </summary>
/// <remarks>
/// Give the training data one way: <see cref="DatasetFolder"/> (a dataset folder, see
/// docs/dataset-format.md), or <see cref="TaskRows"/> (featurised rows per task) or
/// <see cref="TaskDataViews"/> (featurised data views per task), each together with the
/// <see cref="Featurizer"/> that featurised them. The rows the fitted transform scores must be
/// featurised with the same vocabularies: pass a <see cref="Featurizer"/> fitted beforehand
/// (<c>BehaviorFeaturizer.Fit(dataset, options)</c>, reproducible), or read
/// <see cref="DupnUserEmbeddingTrainingEstimator.TrainedModel"/>'s featuriser after Fit.
/// </remarks>
public sealed class DupnUserEmbeddingTrainingOptions
{
    /// <summary>A dataset folder: the training files of ctr, l2r, ppp and follow it has are trained on, their test files validate each epoch. Default null.</summary>
    public string? DatasetFolder { get; set; }

    /// <summary>Featurised rows per task (train and held-out), instead of <see cref="DatasetFolder"/>; needs <see cref="Featurizer"/>. Default null.</summary>
    public DupnTrainingData? TaskRows { get; set; }

    /// <summary>
    /// Featurised data views per task (what <c>FeaturizeBehaviorSequence</c> outputs), instead of
    /// <see cref="DatasetFolder"/> or <see cref="TaskRows"/>; needs <see cref="Featurizer"/> (the one the
    /// views were featurised with). Read once, at Fit. Default null.
    /// </summary>
    public IReadOnlyList<DupnTaskDataView>? TaskDataViews { get; set; }

    /// <summary>
    /// The fitted featuriser whose vocabularies size the network. Required with <see cref="TaskRows"/> and <see cref="TaskDataViews"/>;
    /// with <see cref="DatasetFolder"/>, default null fits one on the folder's training files with
    /// <see cref="DupnModelTrainingOptions.Featurizer"/> of <see cref="Training"/>.
    /// </summary>
    public BehaviorFeaturizer? Featurizer { get; set; }

    /// <summary>
    /// What to train and how: tasks (default every pre-training task the data has), variant (default
    /// all), batch norm, featuriser settings (N = 100, K = 4, Q = 8) and the <see cref="DupnTrainerOptions"/>
    /// (<see cref="DupnModelTrainingOptions.Trainer"/>: AdaGrad lr 1e-2, batch 128, 3 epochs, seed 1).
    /// </summary>
    public DupnModelTrainingOptions Training { get; set; } = new();

    /// <summary>
    /// The input columns and outputs of the fitted transform (defaults: <c>HistoryItem</c>, ...,
    /// <c>HistoryMask</c>, <c>Query</c>, <c>Profile</c> in; <c>UserEmbedding</c> out). Its
    /// <see cref="DupnUserEmbeddingOptions.ModelPath"/> and <see cref="DupnUserEmbeddingOptions.ModelBytes"/>
    /// must stay unset: Fit supplies the graph it trained.
    /// </summary>
    public DupnUserEmbeddingOptions Embedding { get; set; } = new();

    /// <summary>When set, Fit also saves the trained model folder here (atomically; <c>dupn</c> and <see cref="DupnModel.Load"/> read it). Default null.</summary>
    public string? ModelFolder { get; set; }

    /// <summary>Receives the trainer's progress (steps, losses, per-epoch held-out metrics). Default null.</summary>
    public IProgress<DupnTrainingProgress>? Progress { get; set; }
}
