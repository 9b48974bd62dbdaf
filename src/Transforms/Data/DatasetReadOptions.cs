namespace Dupn.MLNet.Transforms.Data;

/// <summary>How the readers treat bad rows.</summary>
public sealed class DatasetReadOptions
{
    /// <summary>
    /// False (default): the first bad row throws a <see cref="DatasetFormatException"/> naming file, line
    /// and column. True: bad rows are skipped and counted per file in the <see cref="DatasetReadReport"/>.
    /// A bad header always throws.
    /// </summary>
    public bool SkipBadRows { get; set; }

    /// <summary>L2R: the expected number of ranking features m; null (default) takes it from the first row.</summary>
    public int? RankingFeatureCount { get; set; }

    /// <summary>PPP: the highest level (default 7, the paper's); levels are 1..PppLevels.</summary>
    public int PppLevels { get; set; } = 7;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting (called before any file is read).</summary>
    public void Validate()
    {
        if (RankingFeatureCount is int m && m <= 0)
            throw new ArgumentException($"DatasetReadOptions.RankingFeatureCount must be positive (or null to take it from the first row); it is {m}.");
        if (PppLevels < 1)
            throw new ArgumentException($"DatasetReadOptions.PppLevels must be at least 1; it is {PppLevels}.");
    }
}
