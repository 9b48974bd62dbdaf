namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>
/// Two models scored on the same test rows are paired: most rows are easy for both, so the difference
/// of two totals has a far smaller error than either total's own. These tests use the pairing.
/// <list type="bullet">
/// <item><see cref="Accuracy"/>: McNemar's exact test on the rows exactly one model gets right.</item>
/// <item><see cref="Auc"/>: DeLong, DeLong and Clarke-Pearson (1988), the covariance of two AUCs measured
/// on the same positives and negatives.</item>
/// </list>
/// </summary>
public static class PairedComparison
{
    /// <summary>
    /// Compares two classifiers' correctness row by row. The p-value is McNemar's exact (binomial) test
    /// of "only A right" against "only B right"; the interval is the normal (Wald) interval of the paired
    /// difference of accuracies.
    /// </summary>
    public static AccuracyComparison Accuracy(IReadOnlyList<bool> aCorrect, IReadOnlyList<bool> bCorrect)
    {
        ArgumentNullException.ThrowIfNull(aCorrect);
        ArgumentNullException.ThrowIfNull(bCorrect);
        if (aCorrect.Count != bCorrect.Count)
            throw new ArgumentException($"A paired comparison needs the same rows for both models; got {aCorrect.Count} and {bCorrect.Count}.");
        int n = aCorrect.Count;
        if (n == 0)
            throw new ArgumentException("A paired comparison needs at least one row.");
        int both = 0, onlyA = 0, onlyB = 0;
        for (int i = 0; i < n; i++)
        {
            if (aCorrect[i] && bCorrect[i]) both++;
            else if (aCorrect[i]) onlyA++;
            else if (bCorrect[i]) onlyB++;
        }
        double difference = (onlyA - onlyB) / (double)n;
        // Var of the mean of d_i in {-1, 0, 1}: (E[d^2] - E[d]^2) / n.
        double standardError = Math.Sqrt(Math.Max(0, (onlyA + onlyB) / (double)n - difference * difference) / n);
        return new AccuracyComparison(n, (both + onlyA) / (double)n, (both + onlyB) / (double)n, onlyA, onlyB,
            difference, standardError, McNemarExactP(onlyA, onlyB));
    }

    /// <summary>
    /// Compares two scorers' AUCs on the same rows (labels above 0.5 are positives; ties count one half,
    /// as in <see cref="BinaryMetrics.Auc"/>). The p-value is two-sided, from DeLong's z.
    /// </summary>
    public static AucComparison Auc(IReadOnlyList<double> aScores, IReadOnlyList<double> bScores, IReadOnlyList<float> labels)
    {
        ArgumentNullException.ThrowIfNull(aScores);
        ArgumentNullException.ThrowIfNull(bScores);
        ArgumentNullException.ThrowIfNull(labels);
        if (aScores.Count != labels.Count || bScores.Count != labels.Count)
            throw new ArgumentException($"A paired comparison needs one score of each model per label; got {aScores.Count} and {bScores.Count} scores for {labels.Count} labels.");
        var positives = Enumerable.Range(0, labels.Count).Where(i => labels[i] > 0.5f).ToArray();
        var negatives = Enumerable.Range(0, labels.Count).Where(i => labels[i] <= 0.5f).ToArray();
        if (positives.Length < 2 || negatives.Length < 2)
            throw new ArgumentException($"DeLong's test needs at least two positives and two negatives; the rows have {positives.Length} and {negatives.Length}.");

        var (aucA, a10, a01) = Components(aScores, positives, negatives);
        var (aucB, b10, b01) = Components(bScores, positives, negatives);
        int m = positives.Length, n = negatives.Length;
        // Var(AUC_A - AUC_B) = [S10_AA + S10_BB - 2 S10_AB] / m + [S01_AA + S01_BB - 2 S01_AB] / n,
        // each S the sample covariance of the per-row components.
        double variance = DifferenceVariance(a10, b10) / m + DifferenceVariance(a01, b01) / n;
        double difference = aucA - aucB;
        double standardError = Math.Sqrt(Math.Max(0, variance));
        double z = standardError > 0 ? difference / standardError : 0;
        double p = standardError > 0 ? 2 * NormalUpperTail(Math.Abs(z)) : difference == 0 ? 1 : 0;
        return new AucComparison(labels.Count, m, n, aucA, aucB, difference, standardError, z, p);
    }

    /// <summary>
    /// Two-sided exact p-value of McNemar's test: P(|X - k/2| >= |b - k/2|) for X ~ Binomial(k = b + c, 1/2),
    /// capped at 1.
    /// </summary>
    public static double McNemarExactP(int b, int c)
    {
        if (b < 0 || c < 0)
            throw new ArgumentOutOfRangeException(nameof(b), $"McNemar's counts cannot be negative; got {b} and {c}.");
        int k = b + c, low = Math.Min(b, c);
        if (k == 0)
            return 1;
        // Sum the lower tail in log space (k can be large), relative to its largest term for accuracy;
        // log C(k, x + 1) = log C(k, x) + log(k - x) - log(x + 1).
        var terms = new double[low + 1];
        terms[0] = k * Math.Log(0.5);
        for (int x = 0; x < low; x++)
            terms[x + 1] = terms[x] + Math.Log(k - x) - Math.Log(x + 1);
        double max = terms.Max();
        double tail = Math.Exp(max) * terms.Sum(t => Math.Exp(t - max));
        return Math.Min(1, 2 * tail);
    }

    /// <summary>P(Z &gt; z) for a standard normal Z, from the complementary error function.</summary>
    public static double NormalUpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    // The AUC and its structural components: V10_i for each positive (the share of negatives it beats),
    // V01_j for each negative (the share of positives that beat it), ties one half. By midranks:
    // V10_i = (rank of x_i among all - rank among positives) / n, V01_j = 1 - (rank among all - rank among negatives) / m.
    private static (double Auc, double[] V10, double[] V01) Components(IReadOnlyList<double> scores, int[] positives, int[] negatives)
    {
        var all = positives.Concat(negatives).Select(i => scores[i]).ToArray();
        var positive = positives.Select(i => scores[i]).ToArray();
        var negative = negatives.Select(i => scores[i]).ToArray();
        if (all.Any(double.IsNaN))
            throw new ArgumentException("DeLong's test cannot rank NaN scores.");
        var rankAll = MidRanks(all);
        var rankPositive = MidRanks(positive);
        var rankNegative = MidRanks(negative);
        int m = positive.Length, n = negative.Length;
        var v10 = new double[m];
        for (int i = 0; i < m; i++)
            v10[i] = (rankAll[i] - rankPositive[i]) / n;
        var v01 = new double[n];
        for (int j = 0; j < n; j++)
            v01[j] = 1 - (rankAll[m + j] - rankNegative[j]) / m;
        return (v10.Average(), v10, v01);
    }

    // 1-based ranks, tied values sharing their mean rank.
    private static double[] MidRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(values.ToArray(), order);
        var ranks = new double[values.Length];
        int start = 0;
        while (start < order.Length)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
                end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
                ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    // Sample variance of (x - y): Var(x) + Var(y) - 2 Cov(x, y), divisor count - 1.
    private static double DifferenceVariance(double[] x, double[] y)
    {
        double meanX = x.Average(), meanY = y.Average(), sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = (x[i] - meanX) - (y[i] - meanY);
            sum += d * d;
        }
        return sum / (x.Length - 1);
    }

    // erfc by its continued fraction for large x and its Taylor series of erf for small x; both to
    // double precision in their ranges (the switch at 2 keeps each well inside where it converges fast).
    private static double Erfc(double x)
    {
        if (x < 0)
            return 2 - Erfc(-x);
        if (x < 2)
        {
            // erf(x) = 2/sqrt(pi) * sum_k (-1)^k x^(2k+1) / (k! (2k+1))
            double term = x, sum = x;
            for (int k = 1; k < 200; k++)
            {
                term *= -x * x / k;
                double add = term / (2 * k + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
                    break;
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated from the tail.
        double fraction = x;
        for (int k = 120; k >= 1; k--)
            fraction = x + k / 2.0 / fraction;
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / fraction;
    }
}

/// <summary>Two classifiers' accuracies on the same rows (<see cref="PairedComparison.Accuracy"/>).</summary>
/// <param name="Rows">Rows compared.</param>
/// <param name="AccuracyA">A's accuracy.</param>
/// <param name="AccuracyB">B's accuracy.</param>
/// <param name="OnlyA">Rows A gets right and B wrong.</param>
/// <param name="OnlyB">Rows B gets right and A wrong.</param>
/// <param name="Difference">AccuracyA - AccuracyB.</param>
/// <param name="StandardError">The paired difference's standard error.</param>
/// <param name="P">McNemar's exact two-sided p-value.</param>
public sealed record AccuracyComparison(int Rows, double AccuracyA, double AccuracyB, int OnlyA, int OnlyB,
    double Difference, double StandardError, double P)
{
    /// <summary>The 95 % normal interval of <see cref="Difference"/>.</summary>
    public (double Low, double High) Interval95 => (Difference - 1.959964 * StandardError, Difference + 1.959964 * StandardError);
}

/// <summary>Two scorers' AUCs on the same rows (<see cref="PairedComparison.Auc"/>).</summary>
/// <param name="Rows">Rows compared.</param>
/// <param name="Positives">Rows labelled positive.</param>
/// <param name="Negatives">Rows labelled negative.</param>
/// <param name="AucA">A's AUC.</param>
/// <param name="AucB">B's AUC.</param>
/// <param name="Difference">AucA - AucB.</param>
/// <param name="StandardError">DeLong's standard error of the difference.</param>
/// <param name="Z">Difference / StandardError.</param>
/// <param name="P">Two-sided p-value.</param>
public sealed record AucComparison(int Rows, int Positives, int Negatives, double AucA, double AucB,
    double Difference, double StandardError, double Z, double P)
{
    /// <summary>The 95 % normal interval of <see cref="Difference"/>.</summary>
    public (double Low, double High) Interval95 => (Difference - 1.959964 * StandardError, Difference + 1.959964 * StandardError);
}
