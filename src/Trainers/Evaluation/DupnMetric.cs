namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>A held-out metric that early stopping can watch.</summary>
public enum DupnMetric
{
    /// <summary>Area under the ROC curve (binary tasks, L2R); higher is better.</summary>
    Auc,
    /// <summary>Log loss / cross-entropy; lower is better.</summary>
    LogLoss,
    /// <summary>Accuracy (k-class tasks such as PPP); higher is better.</summary>
    Accuracy,
    /// <summary>Root mean squared error (regression heads); lower is better.</summary>
    Rmse,
}

/// <summary>Which way a metric improves.</summary>
public static class DupnMetricExtensions
{
    public static bool HigherIsBetter(this DupnMetric metric) => metric is DupnMetric.Auc or DupnMetric.Accuracy;
}
