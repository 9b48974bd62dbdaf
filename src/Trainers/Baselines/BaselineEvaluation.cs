using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>Scores a baseline's predictions with exactly the metrics DUPN is scored with.</summary>
public static class BaselineEvaluation
{
    public static TaskMetrics Evaluate(DupnTask task, BaselinePredictions predictions, IReadOnlyList<FeaturizedRow> test)
    {
        string name = DupnTaskNames.Of(task);
        if (task == DupnTask.Ppp)
        {
            var probabilities = predictions.ClassProbabilities ?? throw new ArgumentException("PPP needs class probabilities.");
            var m = MultiClassMetrics.Compute(probabilities.Select(p => p.Select(v => (double)v).ToArray()).ToArray(),
                test.Select(r => r.Level - 1).ToArray(), 7);
            return new TaskMetrics(name, test.Count) { Accuracy = m.Accuracy, Precision = m.Precision, Recall = m.Recall, LogLoss = m.LogLoss };
        }
        var scores = predictions.Scores ?? throw new ArgumentException($"{name} needs binary scores.");
        var asDouble = scores.Select(s => (double)s).ToArray();
        var labels = test.Select(r => r.Label).ToArray();
        return new TaskMetrics(name, test.Count)
        {
            Auc = BinaryMetrics.Auc(asDouble, labels),
            LogLoss = BinaryMetrics.LogLoss(asDouble.Select(s => Math.Clamp(s, 1e-7, 1 - 1e-7)).ToArray(), labels),
        };
    }
}
