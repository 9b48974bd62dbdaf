using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// A model of the paper's Table 2 that DUPN is compared with: trained on one task's training rows
/// and evaluated on the same task's test rows (the same data and split DUPN sees).
/// </summary>
public interface IDupnBaseline
{
    /// <summary>The model's name in reports and metrics JSON (e.g. "wide", "lightgbm").</summary>
    string Name { get; }

    /// <summary>Whether the model has an answer for <paramref name="task"/> (DSSM, for example, has none for L2R or PPP).</summary>
    bool Supports(DupnTask task);

    /// <summary>Trains on <paramref name="train"/> and predicts <paramref name="test"/>.</summary>
    BaselinePredictions FitPredict(DupnTask task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test);
}
