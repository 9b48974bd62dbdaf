namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>Options shared by the public-log converters.</summary>
public sealed class ConversionOptions
{
    /// <summary>Seed of negative sampling (default 42): same input + seed = same output.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Task rows at or after the (1 - TestFraction) time quantile of the log go to the test files (default 0.2).</summary>
    public double TestFraction { get; set; } = 0.2;

    /// <summary>Sampled negatives per positive in derived CTR tasks (default 1).</summary>
    public int NegativesPerPositive { get; set; } = 1;

    /// <summary>The most CTR positives taken per user, spread evenly over their log (default 0: all).</summary>
    public int MaxPositivesPerUser { get; set; }

    /// <summary>
    /// The format of the written files (default CSV). Parquet: the converter writes CSV, then replaces
    /// each file by its Parquet copy (same base names, `.parquet`; docs/dataset-format.md).
    /// </summary>
    public DatasetFileFormat OutputFormat { get; set; } = DatasetFileFormat.Csv;

    internal void Validate()
    {
        if (!Enum.IsDefined(OutputFormat))
            throw new ArgumentException($"ConversionOptions.OutputFormat must be Csv or Parquet; it is {(int)OutputFormat}.");
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new ArgumentException($"ConversionOptions.TestFraction must be in (0, 1); it is {TestFraction}.");
        if (NegativesPerPositive < 0)
            throw new ArgumentException($"ConversionOptions.NegativesPerPositive must not be negative; it is {NegativesPerPositive}.");
        if (MaxPositivesPerUser < 0)
            throw new ArgumentException($"ConversionOptions.MaxPositivesPerUser must not be negative; it is {MaxPositivesPerUser}.");
    }
}
