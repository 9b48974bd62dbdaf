namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// Bad input in a dataset file: names the file, the place (a CSV line, or a Parquet row or the Parquet
/// schema) and the column so the user can fix it.
/// </summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>An error in a CSV file at <paramref name="line"/>.</summary>
    public DatasetFormatException(string file, long line, string? column, string problem)
        : this(file, line, column, problem, DatasetFileFormat.Csv)
    {
    }

    /// <summary>An error in a file of <paramref name="format"/>: <paramref name="line"/> is a CSV line, or a Parquet row (0: the schema).</summary>
    public DatasetFormatException(string file, long line, string? column, string problem, DatasetFileFormat format)
        : base(Describe(file, line, column, problem, format))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
        Format = format;
    }

    /// <summary>The file (as given to the reader).</summary>
    public string File { get; }

    /// <summary>
    /// CSV: the 1-based line where the bad record starts (1 is the header). Parquet: the 1-based row
    /// (1 is the first row of the file, counted over all row groups), or 0 for a problem of the schema.
    /// </summary>
    public long Line { get; }

    /// <summary>The column name, or null when the whole record is bad (e.g. a wrong field count).</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The format of the file, which says what <see cref="Line"/> counts.</summary>
    public DatasetFileFormat Format { get; }

    /// <summary>Whether the error is in one record (which <see cref="DatasetReadOptions.SkipBadRows"/> may skip), not in the header or schema.</summary>
    internal bool IsRecordError => Format == DatasetFileFormat.Parquet ? Line >= 1 : Line > 1;

    private static string Describe(string file, long line, string? column, string problem, DatasetFileFormat format)
    {
        string where = format == DatasetFileFormat.Csv ? $"line {line}" : line == 0 ? "schema" : $"row {line}";
        return column == null ? $"{file}, {where}: {problem}" : $"{file}, {where}, column '{column}': {problem}";
    }
}
