namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>Exact metrics of binary scores: AUC by ranks with ties averaged (Mann-Whitney), log loss.</summary>
public static class BinaryMetrics
{
    /// <summary>
    /// The exact area under the ROC curve: the probability that a random positive scores above a
    /// random negative, ties counting one half. NaN when one class is absent.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<float> labels)
    {
        if (scores.Count != labels.Count)
            throw new ArgumentException($"AUC needs one label per score; got {scores.Count} scores and {labels.Count} labels.");
        int n = scores.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]])
                end++;
            double averageRank = (start + end) / 2.0 + 1; // ranks are 1-based; a tie group shares its mean rank
            for (int k = start; k <= end; k++)
            {
                if (labels[order[k]] > 0.5f)
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    /// <summary>Mean log loss of probabilities (clipped to [1e-15, 1 - 1e-15]) against 0/1 labels, optionally weighted.</summary>
    public static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<float> labels, IReadOnlyList<double>? weights = null)
    {
        if (probabilities.Count != labels.Count)
            throw new ArgumentException($"Log loss needs one label per probability; got {probabilities.Count} and {labels.Count}.");
        double sum = 0, weightSum = 0;
        for (int i = 0; i < probabilities.Count; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            double w = weights?[i] ?? 1.0;
            sum += -w * (labels[i] > 0.5f ? Math.Log(p) : Math.Log(1 - p));
            weightSum += w;
        }
        return weightSum == 0 ? double.NaN : sum / weightSum;
    }
}
