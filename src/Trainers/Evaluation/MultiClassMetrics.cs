namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>Accuracy, per-class precision and recall, and cross-entropy of k-class predictions.</summary>
/// <param name="Accuracy">Fraction of rows whose arg-max class is the label.</param>
/// <param name="Precision">Per class: correct predictions of the class / predictions of the class (NaN when never predicted).</param>
/// <param name="Recall">Per class: correct predictions of the class / rows of the class (NaN when absent).</param>
/// <param name="LogLoss">Mean cross-entropy.</param>
public sealed record MultiClassMetrics(double Accuracy, double[] Precision, double[] Recall, double LogLoss)
{
    /// <summary>Computes the metrics from per-row class probabilities and 0-based labels.</summary>
    public static MultiClassMetrics Compute(IReadOnlyList<double[]> probabilities, IReadOnlyList<int> labels, int classes)
    {
        if (probabilities.Count != labels.Count)
            throw new ArgumentException($"Multi-class metrics need one label per row; got {probabilities.Count} rows and {labels.Count} labels.");
        var predicted = new long[classes]; var actual = new long[classes]; var correct = new long[classes];
        long hits = 0;
        double loss = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            var p = probabilities[i];
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (p[c] > p[best])
                    best = c;
            int label = labels[i];
            if (label < 0 || label >= classes)
                throw new ArgumentException($"Row {i} has class {label}; expected 0..{classes - 1}.");
            predicted[best]++;
            actual[label]++;
            if (best == label)
            {
                correct[label]++;
                hits++;
            }
            loss -= Math.Log(Math.Clamp(p[label], 1e-15, 1.0));
        }
        int n = labels.Count;
        return new MultiClassMetrics(
            n == 0 ? double.NaN : hits / (double)n,
            Enumerable.Range(0, classes).Select(c => predicted[c] == 0 ? double.NaN : correct[c] / (double)predicted[c]).ToArray(),
            Enumerable.Range(0, classes).Select(c => actual[c] == 0 ? double.NaN : correct[c] / (double)actual[c]).ToArray(),
            n == 0 ? double.NaN : loss / n);
    }
}
