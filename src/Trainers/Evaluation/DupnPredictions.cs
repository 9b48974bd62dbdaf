using Dupn.MLNet.Trainers.Modules;

namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>
/// One head's outputs on a task's rows, in the rows' order, with the labels they are scored against
/// (<see cref="DupnEvaluator.Predict"/>). A binary or ranking head gives a logit per row
/// (<see cref="Scores"/>; <see cref="Probability"/> is its sigmoid), a regression head its value, a
/// k-class head (PPP) the k class probabilities and the 0-based true class.
/// </summary>
public sealed class DupnPredictions
{
    private DupnPredictions(string task, HeadObjective objective, double[]? scores, float[]? labels, double[][]? probabilities, int[]? classes, int classCount)
    {
        ClassCount = classCount;
        Task = task;
        Objective = objective;
        Scores = scores;
        Labels = labels;
        ClassProbabilities = probabilities;
        Classes = classes;
    }

    /// <summary>The task's name (<see cref="DupnTaskNames"/>, or a custom head's).</summary>
    public string Task { get; }

    /// <summary>How the head is trained and scored.</summary>
    public HeadObjective Objective { get; }

    /// <summary>Rows predicted.</summary>
    public int Count => Scores?.Length ?? ClassProbabilities!.Length;

    /// <summary>The head's raw output per row (a logit, or a regression value); null for a k-class head.</summary>
    public double[]? Scores { get; }

    /// <summary>The label per row; null for a k-class head.</summary>
    public float[]? Labels { get; }

    /// <summary>Class probabilities per row (each sums to 1); null unless the head is k-class.</summary>
    public double[][]? ClassProbabilities { get; }

    /// <summary>k for a k-class head, else 0.</summary>
    public int ClassCount { get; }

    /// <summary>The 0-based true class per row; null unless the head is k-class.</summary>
    public int[]? Classes { get; }

    /// <summary>The sigmoid of row <paramref name="row"/>'s logit, for a binary or ranking head.</summary>
    public double Probability(int row) => Objective is HeadObjective.Binary or HeadObjective.WeightedRanking
        ? 1 / (1 + Math.Exp(-Scores![row]))
        : throw new InvalidOperationException($"Task '{Task}': a {Objective} head's output is not a probability.");

    internal static DupnPredictions Scalar(string task, HeadObjective objective, double[] scores, float[] labels) =>
        new(task, objective, scores, labels, null, null, 0);

    internal static DupnPredictions MultiClass(string task, double[][] probabilities, int[] classes, int classCount) =>
        new(task, HeadObjective.MultiClass, null, null, probabilities, classes, classCount);

    /// <summary>The held-out metrics of these predictions (AUC and log loss, accuracy and per-class precision and recall, or RMSE).</summary>
    public TaskMetrics ToMetrics()
    {
        switch (Objective)
        {
            case HeadObjective.Binary or HeadObjective.WeightedRanking:
                return new TaskMetrics(Task, Count)
                {
                    Auc = BinaryMetrics.Auc(Scores!, Labels!),
                    LogLoss = BinaryMetrics.LogLoss(Enumerable.Range(0, Count).Select(Probability).ToList(), Labels!),
                };
            case HeadObjective.MultiClass:
                var m = MultiClassMetrics.Compute(ClassProbabilities!, Classes!, ClassCount);
                return new TaskMetrics(Task, Count) { Accuracy = m.Accuracy, Precision = m.Precision, Recall = m.Recall, LogLoss = m.LogLoss };
            default:
                return new TaskMetrics(Task, Count)
                {
                    Rmse = Math.Sqrt(Scores!.Zip(Labels!, (s, l) => (s - l) * (s - l)).DefaultIfEmpty(double.NaN).Average()),
                };
        }
    }
}
