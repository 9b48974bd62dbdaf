namespace Dupn.MLNet;

/// <summary>The two encodings of a dataset file (docs/dataset-format.md): the same columns as CSV text or as Parquet.</summary>
public enum DatasetFileFormat
{
    /// <summary>UTF-8 RFC 4180 CSV with a header row (`.csv`).</summary>
    Csv,

    /// <summary>Apache Parquet with the same column names (`.parquet`).</summary>
    Parquet,
}
