using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// What a training Fit will do, known before it trains: the dataset (when the data is a folder),
/// the tasks, the variant, and the featuriser sizes the input columns must have.
/// </summary>
/// <param name="Dataset">The dataset, when the data is a folder.</param>
/// <param name="Tasks">The built-in tasks that will be trained.</param>
/// <param name="Variant">The network variant.</param>
/// <param name="Featurizer">The featuriser settings (N, K, Q).</param>
/// <param name="ProfileColumns">P, or null while the featuriser is still to be fitted.</param>
internal sealed record EmbeddingTrainingPlan(Dataset? Dataset, IReadOnlyList<DupnTask> Tasks, DupnVariant Variant,
    BehaviorFeaturizerOptions Featurizer, int? ProfileColumns);
