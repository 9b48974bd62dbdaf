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

    /// <summary>
    /// MovieLens only: also write a transfer task, genre preference, as <c>shop_pref</c> (default false).
    /// Each behaviour's shop is then its film's first genre (a "genre shop"; category already is), and
    /// shop_pref rows ask whether the user will like (rate 4 or 5) a film of a candidate genre among
    /// their next <see cref="GenreWindow"/> ratings. Off by default, so the ctr and ppp rows and the
    /// behaviours' fields stay those of the published MovieLens Table 2.
    /// </summary>
    public bool GenrePreference { get; set; }

    /// <summary>MovieLens genre preference: the ratings after a row's time that its label reads (default 20).</summary>
    public int GenreWindow { get; set; } = 20;

    internal void Validate()
    {
        if (!Enum.IsDefined(OutputFormat))
            throw new ArgumentException($"ConversionOptions.OutputFormat must be Csv or Parquet; it is {(int)OutputFormat}.");
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new ArgumentException($"ConversionOptions.TestFraction must be in (0, 1); it is {TestFraction}.");
        if (NegativesPerPositive < 0)
            throw new ArgumentException($"ConversionOptions.NegativesPerPositive must not be negative; it is {NegativesPerPositive}.");
        if (GenreWindow <= 0)
            throw new ArgumentException($"ConversionOptions.GenreWindow must be positive; it is {GenreWindow}.");
        if (MaxPositivesPerUser < 0)
            throw new ArgumentException($"ConversionOptions.MaxPositivesPerUser must not be negative; it is {MaxPositivesPerUser}.");
    }
}
