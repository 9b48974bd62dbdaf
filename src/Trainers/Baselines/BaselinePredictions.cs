namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// A model's predictions for the test rows of one task, in row order: a probability per row for a
/// binary task, or one probability per level for PPP.
/// </summary>
public sealed class BaselinePredictions
{
    private BaselinePredictions(float[]? scores, float[][]? classProbabilities)
    {
        Scores = scores;
        ClassProbabilities = classProbabilities;
    }

    /// <summary>Probability of the positive label per test row (binary tasks), else null.</summary>
    public float[]? Scores { get; }

    /// <summary>Probabilities of levels 1..7 per test row (PPP), else null.</summary>
    public float[][]? ClassProbabilities { get; }

    public static BaselinePredictions Binary(float[] scores) => new(scores, null);

    public static BaselinePredictions Multiclass(float[][] probabilities) => new(null, probabilities);
}
