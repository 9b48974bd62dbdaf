namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>What a converter wrote and what it skipped (with reasons), plus the tasks it could not derive.</summary>
public sealed class ConversionSummary
{
    public required string Folder { get; init; }
    public long InputRows { get; init; }
    public long Behaviors { get; init; }
    /// <summary>The format of the written files.</summary>
    public DatasetFileFormat Format { get; init; } = DatasetFileFormat.Csv;
    /// <summary>Rows written per task file name (`.csv` or `.parquet` names, as written).</summary>
    public required IReadOnlyDictionary<string, long> TaskRows { get; init; }
    /// <summary>Input rows skipped, by reason (e.g. "timestamp outside the dataset's period").</summary>
    public required IReadOnlyDictionary<string, long> Skipped { get; init; }
    /// <summary>Task rows at or after this timestamp are in the test files.</summary>
    public long SplitTimestamp { get; init; }
    /// <summary>Tasks the source cannot give, and why.</summary>
    public required IReadOnlyList<string> NotDerived { get; init; }

    public override string ToString() =>
        $"{Folder}: {Behaviors} behaviours from {InputRows} input rows; " +
        string.Join(", ", TaskRows.Select(p => $"{p.Key} {p.Value}")) +
        (Skipped.Count > 0 ? "; skipped: " + string.Join(", ", Skipped.Select(p => $"{p.Value} ({p.Key})")) : "") +
        (NotDerived.Count > 0 ? "; not derived: " + string.Join(" ", NotDerived) : "");
}
