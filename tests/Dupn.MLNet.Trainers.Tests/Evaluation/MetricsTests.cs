using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Trainers.Tests.Evaluation;

public class MetricsTests
{
    [Fact]
    public void AucCountsPairsAndHalvesTies()
    {
        // Positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 1 + 2 of 4.
        Assert.Equal(0.75, BinaryMetrics.Auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 12);
        // A tie between a positive and a negative counts one half: (1 + 0.5) / 2.
        Assert.Equal(0.75, BinaryMetrics.Auc([0.2, 0.5, 0.5], [0, 0, 1]), 12);
        Assert.Equal(0.5, BinaryMetrics.Auc([1, 1, 1, 1], [0, 1, 0, 1]), 12);
        Assert.Equal(0.0, BinaryMetrics.Auc([0.9, 0.1], [0, 1]), 12);
        Assert.True(double.IsNaN(BinaryMetrics.Auc([0.3, 0.4], [1, 1])));
    }

    [Fact]
    public void AucMatchesTheBruteForcePairCount()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray(); // many ties
        var labels = scores.Select(s => random.NextDouble() < s ? 1f : 0f).ToArray();
        double wins = 0; long pairs = 0;
        for (int i = 0; i < scores.Length; i++)
            for (int j = 0; j < scores.Length; j++)
                if (labels[i] > 0.5f && labels[j] < 0.5f)
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
        Assert.Equal(wins / pairs, BinaryMetrics.Auc(scores, labels), 12);
    }

    [Fact]
    public void LogLossIsTheMeanNegativeLogLikelihood()
    {
        double expected = -(Math.Log(0.8) + Math.Log(1 - 0.3)) / 2;
        Assert.Equal(expected, BinaryMetrics.LogLoss([0.8, 0.3], [1, 0]), 12);
    }

    [Fact]
    public void MultiClassAccuracyPrecisionAndRecallPerLevel()
    {
        double[][] p = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6]];
        int[] labels = [0, 1, 1, 1];
        var m = MultiClassMetrics.Compute(p, labels, 3);
        Assert.Equal(0.5, m.Accuracy, 12);
        Assert.Equal(0.5, m.Precision[0], 12);   // predicted 0 twice, right once
        Assert.Equal(1.0, m.Precision[1], 12);
        Assert.Equal(0.0, m.Precision[2], 12);
        Assert.Equal(1.0, m.Recall[0], 12);
        Assert.Equal(1.0 / 3, m.Recall[1], 12);
        Assert.True(double.IsNaN(m.Recall[2]));   // class 2 never occurs
    }
}
