using System.Globalization;

namespace Dupn.MLNet.Cli.Experiments;

/// <summary>A metric repeated over seeds: its values, mean and sample standard deviation.</summary>
public sealed class SeedSummary
{
    private readonly List<double> _values = [];

    public IReadOnlyList<double> Values => _values;

    public void Add(double value) => _values.Add(value);

    public double Mean => _values.Count == 0 ? double.NaN : _values.Average();

    /// <summary>Sample standard deviation (0 for a single value).</summary>
    public double StandardDeviation
    {
        get
        {
            if (_values.Count < 2)
                return 0;
            double mean = Mean;
            return Math.Sqrt(_values.Sum(v => (v - mean) * (v - mean)) / (_values.Count - 1));
        }
    }

    /// <summary>"0.7123 ± 0.0040" (or percent for accuracies).</summary>
    public string Format(bool percent) => percent
        ? string.Create(CultureInfo.InvariantCulture, $"{100 * Mean:F1} ± {100 * StandardDeviation:F1} %")
        : string.Create(CultureInfo.InvariantCulture, $"{Mean:F4} ± {StandardDeviation:F4}");
}
