using Dupn.MLNet.Trainers.Evaluation;

namespace Dupn.MLNet.Trainers.Tests.Evaluation;

public class PairedComparisonTests
{
    [Theory]
    // Exact binomial sums, 2 * sum_{x <= min} C(k, x) / 2^k, computed with integer arithmetic.
    [InlineData(0, 10, 0.001953125)]
    [InlineData(3, 5, 0.7265625)]
    [InlineData(5, 3, 0.7265625)]
    [InlineData(475, 475, 1.0)]
    [InlineData(466, 500, 0.2883405019807039)]
    [InlineData(475, 525, 0.12121426581103738)]
    [InlineData(0, 0, 1.0)]
    public void McNemarIsTheExactTwoSidedBinomialTest(int b, int c, double expected) =>
        Assert.Equal(expected, PairedComparison.McNemarExactP(b, c), 1e-12);

    [Fact]
    public void McNemarStaysFiniteForLargeCounts()
    {
        double p = PairedComparison.McNemarExactP(20_000, 21_000);
        Assert.InRange(p, 1e-9, 1e-5); // z = 1000 / sqrt(41000) = 4.94
        Assert.Equal(1.0, PairedComparison.McNemarExactP(30_000, 30_000), 12);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.025)]
    [InlineData(-1.0, 0.841344746068543)]
    [InlineData(1.0, 0.158655253931457)]
    [InlineData(2.5, 0.00620966532577613)]
    [InlineData(5.0, 2.866515718791939e-07)]
    [InlineData(10.0, 7.619853024160527e-24)]
    public void NormalUpperTailMatchesTables(double z, double expected) =>
        Assert.Equal(1, PairedComparison.NormalUpperTail(z) / expected, 10);

    [Fact]
    public void AccuracyCountsTheDiscordantRows()
    {
        bool[] a = [true, true, true, false, false, true, true, true];
        bool[] b = [true, false, false, false, true, true, true, true];
        var c = PairedComparison.Accuracy(a, b);
        Assert.Equal((8, 6 / 8.0, 5 / 8.0, 2, 1), (c.Rows, c.AccuracyA, c.AccuracyB, c.OnlyA, c.OnlyB));
        Assert.Equal(1 / 8.0, c.Difference, 12);
        // d = (0, 1, 1, 0, -1, 0, 0, 0): variance of the mean (3/8 - 1/64) / 8.
        Assert.Equal(Math.Sqrt((3 / 8.0 - 1 / 64.0) / 8), c.StandardError, 12);
        Assert.Equal(PairedComparison.McNemarExactP(2, 1), c.P, 12);
        Assert.Equal(c.Difference - 1.959964 * c.StandardError, c.Interval95.Low, 12);
    }

    [Fact]
    public void AucMatchesDeLongsComponentsCountedPairByPair()
    {
        var random = new Random(11);
        int rows = 400;
        var labels = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.4 ? 1f : 0f).ToArray();
        // Rounded scores so that both models have ties, within and across the classes.
        var a = labels.Select(l => Math.Round(l + 1.5 * random.NextDouble(), 1)).ToArray();
        var b = labels.Select((l, i) => Math.Round(0.5 * l + a[i] * 0.3 + random.NextDouble(), 1)).ToArray();

        var c = PairedComparison.Auc(a, b, labels);

        var positives = Enumerable.Range(0, rows).Where(i => labels[i] == 1).ToArray();
        var negatives = Enumerable.Range(0, rows).Where(i => labels[i] == 0).ToArray();
        (double[] V10, double[] V01) Brute(double[] s) => (
            positives.Select(i => negatives.Average(j => Psi(s[i], s[j]))).ToArray(),
            negatives.Select(j => positives.Average(i => Psi(s[i], s[j]))).ToArray());
        var (a10, a01) = Brute(a);
        var (b10, b01) = Brute(b);
        double variance = Covariance(a10, a10) + Covariance(b10, b10) - 2 * Covariance(a10, b10);
        variance = variance / positives.Length + (Covariance(a01, a01) + Covariance(b01, b01) - 2 * Covariance(a01, b01)) / negatives.Length;

        Assert.Equal((rows, positives.Length, negatives.Length), (c.Rows, c.Positives, c.Negatives));
        Assert.Equal(BinaryMetrics.Auc(a, labels), c.AucA, 12);
        Assert.Equal(BinaryMetrics.Auc(b, labels), c.AucB, 12);
        Assert.Equal(a10.Average(), c.AucA, 12);
        Assert.Equal(Math.Sqrt(variance), c.StandardError, 12);
        Assert.Equal(c.Difference / c.StandardError, c.Z, 12);
        Assert.Equal(2 * PairedComparison.NormalUpperTail(Math.Abs(c.Z)), c.P, 12);
        Assert.True(c.Difference < 0 && c.P < 0.05, $"b reads the label twice (directly and through a), so it ranks better: {c}");
    }

    [Fact]
    public void AucOfAModelAgainstItselfDiffersByNothing()
    {
        var random = new Random(5);
        var labels = Enumerable.Range(0, 200).Select(_ => random.NextDouble() < 0.5 ? 1f : 0f).ToArray();
        var scores = labels.Select(l => l + random.NextDouble()).ToArray();
        var c = PairedComparison.Auc(scores, scores, labels);
        Assert.Equal((0.0, 0.0, 1.0), (c.Difference, c.StandardError, c.P));
    }

    [Fact]
    public void AucWithANoisierCopyIsNotSignificantOnFewRowsAndIsOnMany()
    {
        // b is a with a little noise: a real but small AUC gap, invisible on 100 rows, clear on 20,000.
        double P(int rows)
        {
            var random = new Random(7);
            var labels = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.5 ? 1f : 0f).ToArray();
            var a = labels.Select(l => l + 2 * random.NextDouble()).ToArray();
            var b = a.Select(s => s + 0.3 * random.NextDouble()).ToArray();
            return PairedComparison.Auc(a, b, labels).P;
        }
        Assert.True(P(100) > 0.05, $"p = {P(100)} on 100 rows");
        Assert.True(P(20_000) < 1e-4, $"p = {P(20_000)} on 20,000 rows");
    }

    [Fact]
    public void MismatchedOrDegenerateInputsAreRefusedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => PairedComparison.Accuracy([true, false], [true]));
        Assert.Contains("same rows", e.Message);
        e = Assert.Throws<ArgumentException>(() => PairedComparison.Auc([0.1, 0.2, 0.3], [0.1, 0.2], [0, 1, 1]));
        Assert.Contains("3 labels", e.Message);
        e = Assert.Throws<ArgumentException>(() => PairedComparison.Auc([0.1, 0.2, 0.3], [0.1, 0.2, 0.3], [0, 1, 1]));
        Assert.Contains("two positives and two negatives", e.Message);
    }

    private static double Psi(double positive, double negative) => positive > negative ? 1 : positive == negative ? 0.5 : 0;

    private static double Covariance(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        return x.Zip(y, (u, v) => (u - mx) * (v - my)).Sum() / (x.Length - 1);
    }
}
