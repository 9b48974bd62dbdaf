namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// Bad input in a dataset file: names the file, the 1-based line and the column so the user can fix it.
/// </summary>
public sealed class DatasetFormatException : FormatException
{
    public DatasetFormatException(string file, long line, string? column, string problem)
        : base(Describe(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (as given to the reader).</summary>
    public string File { get; }

    /// <summary>1-based line where the bad record starts (1 is the header).</summary>
    public long Line { get; }

    /// <summary>The column name, or null when the whole record is bad (e.g. a wrong field count).</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string file, long line, string? column, string problem) =>
        column == null ? $"{file}, line {line}: {problem}" : $"{file}, line {line}, column '{column}': {problem}";
}
