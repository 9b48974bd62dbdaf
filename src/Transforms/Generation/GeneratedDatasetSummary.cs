namespace Dupn.MLNet.Transforms.Generation;

/// <summary>What the generator wrote.</summary>
public sealed class GeneratedDatasetSummary
{
    public required string Folder { get; init; }
    public long Users { get; init; }
    public long Behaviors { get; init; }
    /// <summary>The format of the written files.</summary>
    public DatasetFileFormat Format { get; init; } = DatasetFileFormat.Csv;
    /// <summary>Rows written per task file name (e.g. "ctr.train.csv", or "ctr.train.parquet" for Parquet).</summary>
    public required IReadOnlyDictionary<string, long> TaskRows { get; init; }
    /// <summary>Task rows at or after this timestamp are in the test files.</summary>
    public long SplitTimestamp { get; init; }
    public TimeSpan Elapsed { get; init; }
}
