namespace Dupn.MLNet.Transforms.Generation;

/// <summary>Sizes and seed of the Taobao-like generator (docs/generator.md describes the planted structure).</summary>
public sealed class TaobaoLikeGeneratorOptions
{
    /// <summary>Users to generate (default 1,000). Generation streams user by user, so millions are fine.</summary>
    public int Users { get; set; } = 1000;

    /// <summary>The seed: the same options and seed write byte-identical files (default 42).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Item categories (default 40).</summary>
    public int Categories { get; set; } = 40;

    /// <summary>Items per category (default 150).</summary>
    public int ItemsPerCategory { get; set; } = 150;

    /// <summary>Shops per category: each shop sells one category (default 5).</summary>
    public int ShopsPerCategory { get; set; } = 5;

    /// <summary>Brands (default 150).</summary>
    public int Brands { get; set; } = 150;

    /// <summary>Styles shared by items and talents (default 8).</summary>
    public int Styles { get; set; } = 8;

    /// <summary>Talents users may follow (default 60).</summary>
    public int Talents { get; set; } = 60;

    /// <summary>Mean sessions per user (default 12; at least 2 per user).</summary>
    public double MeanSessionsPerUser { get; set; } = 12;

    /// <summary>Mean behaviours per session (default 7).</summary>
    public double MeanBehaviorsPerSession { get; set; } = 7;

    /// <summary>The first timestamp (unix seconds; default 1,700,000,000 = 2023-11-14).</summary>
    public long StartTimestamp { get; set; } = 1_700_000_000;

    /// <summary>The span of the log in days (default 30).</summary>
    public int Days { get; set; } = 30;

    /// <summary>The last fraction of the time span whose task rows go to the test files (default 0.2).</summary>
    public double TestFraction { get; set; } = 0.2;

    /// <summary>m, the L2R ranking features per row (default 26, the paper's; at least 1).</summary>
    public int RankingFeatures { get; set; } = 26;

    /// <summary>The format of the written files (default CSV); Parquet files are converted from the CSV written first.</summary>
    public DatasetFileFormat OutputFormat { get; set; } = DatasetFileFormat.Csv;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Positive(double v, string name)
        {
            if (!(v > 0))
                throw new ArgumentException($"TaobaoLikeGeneratorOptions.{name} must be positive; it is {v}.");
        }
        Positive(Users, nameof(Users));
        Positive(Categories, nameof(Categories));
        Positive(ItemsPerCategory, nameof(ItemsPerCategory));
        Positive(ShopsPerCategory, nameof(ShopsPerCategory));
        Positive(Brands, nameof(Brands));
        Positive(Styles, nameof(Styles));
        Positive(Talents, nameof(Talents));
        Positive(MeanSessionsPerUser, nameof(MeanSessionsPerUser));
        Positive(MeanBehaviorsPerSession, nameof(MeanBehaviorsPerSession));
        Positive(Days, nameof(Days));
        Positive(RankingFeatures, nameof(RankingFeatures));
        if (!Enum.IsDefined(OutputFormat))
            throw new ArgumentException($"TaobaoLikeGeneratorOptions.OutputFormat must be Csv or Parquet; it is {(int)OutputFormat}.");
        if (Categories < 4)
            throw new ArgumentException($"TaobaoLikeGeneratorOptions.Categories must be at least 4 (users hold 3 interests); it is {Categories}.");
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new ArgumentException($"TaobaoLikeGeneratorOptions.TestFraction must be in (0, 1); it is {TestFraction}.");
        // The generated files must be readable: every timestamp within what the readers accept.
        long last = DatasetSchema.MaxTimestamp - (long)Days * 86_400;
        if (StartTimestamp < 0 || StartTimestamp > last)
            throw new ArgumentException($"TaobaoLikeGeneratorOptions.StartTimestamp must be unix seconds from 0 to {last} (so that {Days} days end by 2100-01-01); it is {StartTimestamp}.");
    }
}
