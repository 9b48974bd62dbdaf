using System.Globalization;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// Shared machinery of the typed readers: checks the header, streams records, parses each with a
/// callback and either throws or skips-and-counts bad ones. CSV and Parquet files alike.
/// </summary>
internal static class RecordParser
{
    /// <summary>Streams the parsed rows of a CSV file whose header must equal <paramref name="expectedHeader"/> (null: any header, returned via <paramref name="onHeader"/>).</summary>
    public static IEnumerable<T> Read<T>(
        string path,
        string[]? expectedHeader,
        Func<List<string>, RowContext, T> parse,
        DatasetReadOptions? options,
        DatasetReadReport? report,
        Action<List<string>>? onHeader = null,
        string? keyColumn = null)
    {
        var strings = new List<string>();
        return ReadFields(path, expectedHeader, (fields, context) =>
        {
            fields.CopyTo(strings);
            return parse(strings, context);
        }, options, report, onHeader, keyColumn);
    }

    /// <summary>
    /// <see cref="Read{T}"/> with the fields as spans over a reused buffer (no string per field): for the
    /// big files read field by field (the log, when fitting and indexing). Same header, error and skip rules.
    /// A `.parquet` path is read as Parquet (<see cref="ParquetRecordReader"/>): its columns are matched to
    /// <paramref name="expectedHeader"/> by name and handed to <paramref name="parse"/> as the same text a CSV
    /// field holds, so both formats go through the same validation. With no expected header (users),
    /// <paramref name="keyColumn"/> is put first when the Parquet schema has it.
    /// </summary>
    public static IEnumerable<T> ReadFields<T>(
        string path,
        string[]? expectedHeader,
        Func<CsvFields, RowContext, T> parse,
        DatasetReadOptions? options,
        DatasetReadReport? report,
        Action<List<string>>? onHeader = null,
        string? keyColumn = null)
    {
        options ??= new DatasetReadOptions();
        if (!File.Exists(path))
            throw new FileNotFoundException($"Dataset file not found: {path}", path);
        using IRecordSource source = DatasetSchema.FormatOf(path) == DatasetFileFormat.Parquet
            ? ParquetRecordReader.Open(path, expectedHeader, keyColumn)
            : CsvRecordSource.Open(path, expectedHeader);
        var header = source.Header;
        onHeader?.Invoke(header);
        var fields = new CsvFields();
        var context = new RowContext(path, header, source.Format);
        report?.StartPass(path);
        long rows = 0;
        while (true)
        {
            bool more;
            T value = default!;
            bool ok = false;
            try
            {
                more = source.ReadRecord(fields);
                if (more)
                {
                    context.Line = source.RecordLine;
                    if (fields.Count != header.Count)
                        throw new DatasetFormatException(path, source.RecordLine, null, $"{fields.Count} fields where the header has {header.Count}.");
                    value = parse(fields, context);
                    ok = true;
                }
            }
            // A broken file (not UTF-8, an unclosed quote, an unreadable row group) is not a bad row:
            // skipping would read garbage or loop.
            catch (DatasetFormatException error) when (options.SkipBadRows && error.IsRecordError && !source.IsBroken)
            {
                if (report == null)
                    throw new InvalidOperationException("SkipBadRows needs a DatasetReadReport to count what is skipped.", error);
                report.Skip(error);
                continue;
            }
            if (!more)
                break;
            if (ok)
            {
                rows++;
                yield return value;
            }
        }
        report?.Read(path, rows);
    }
}

/// <summary>A file read record by record as fields of text: CSV, or Parquet rows rendered as CSV fields.</summary>
internal interface IRecordSource : IDisposable
{
    DatasetFileFormat Format { get; }

    /// <summary>The column names, in the order of the fields of each record.</summary>
    List<string> Header { get; }

    /// <summary>Reads the next record into <paramref name="fields"/> (cleared first); false at the end.</summary>
    bool ReadRecord(CsvFields fields);

    /// <summary>Where the last record read is: its CSV line, or its 1-based Parquet row.</summary>
    long RecordLine { get; }

    /// <summary>True after an error that leaves no way to go on (never skipped as a bad row).</summary>
    bool IsBroken { get; }
}

/// <summary>A CSV file as an <see cref="IRecordSource"/>: the header is its first record, checked against the expected one.</summary>
internal sealed class CsvRecordSource : IRecordSource
{
    private readonly CsvRecordReader _csv;

    private CsvRecordSource(CsvRecordReader csv, List<string> header)
    {
        _csv = csv;
        Header = header;
    }

    public static CsvRecordSource Open(string path, string[]? expectedHeader)
    {
        var csv = CsvRecordReader.Open(path);
        try
        {
            var fields = new CsvFields();
            if (!csv.ReadRecord(fields))
                throw new DatasetFormatException(path, 1, null, "the file is empty; it needs at least a header.");
            var header = new List<string>(fields.Count);
            for (int i = 0; i < fields.Count; i++)
                header.Add(fields[i].Trim().ToString());
            if (expectedHeader != null)
                CheckHeader(path, header, expectedHeader);
            return new CsvRecordSource(csv, header);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    public DatasetFileFormat Format => DatasetFileFormat.Csv;
    public List<string> Header { get; }
    public long RecordLine => _csv.RecordLine;
    public bool IsBroken => _csv.IsBroken;
    public bool ReadRecord(CsvFields fields) => _csv.ReadRecord(fields);
    public void Dispose() => _csv.Dispose();

    private static void CheckHeader(string path, List<string> header, string[] expected)
    {
        for (int i = 0; i < Math.Max(header.Count, expected.Length); i++)
        {
            if (i >= header.Count)
                throw new DatasetFormatException(path, 1, expected[i], $"the header lacks column '{expected[i]}' (expected: {string.Join(",", expected)}).");
            if (i >= expected.Length)
                throw new DatasetFormatException(path, 1, header[i], $"unknown column '{header[i]}' (expected: {string.Join(",", expected)}).");
            if (!string.Equals(header[i], expected[i], StringComparison.Ordinal))
                throw new DatasetFormatException(path, 1, header[i], $"column {i + 1} is '{header[i]}' where '{expected[i]}' is expected (expected: {string.Join(",", expected)}).");
        }
    }
}

/// <summary>Where a parser is: file, line (a CSV line or a Parquet row), header; builds located errors.</summary>
internal sealed class RowContext(string file, List<string> header, DatasetFileFormat format = DatasetFileFormat.Csv)
{
    public string File { get; } = file;
    public List<string> Header { get; } = header;
    public DatasetFileFormat Format { get; } = format;
    public long Line { get; set; }

    /// <summary>"line" or "row": what <see cref="Line"/> counts in this file, for messages that name another record.</summary>
    public string LineWord => Format == DatasetFileFormat.Csv ? "line" : "row";

    public DatasetFormatException Error(int column, string problem) => new(File, Line, Header[column], problem, Format);

    public string Required(List<string> fields, int column)
    {
        string value = fields[column];
        if (value.Length == 0)
            throw Error(column, "is empty but required.");
        return value;
    }

    /// <summary>A required field as characters (no string is made).</summary>
    public ReadOnlySpan<char> Required(CsvFields fields, int column)
    {
        var value = fields[column];
        if (value.IsEmpty)
            throw Error(column, "is empty but required.");
        return value;
    }

    public long Timestamp(List<string> fields, int column) => Timestamp(fields[column].AsSpan(), column);

    public long Timestamp(CsvFields fields, int column) => Timestamp(fields[column], column);

    private long Timestamp(ReadOnlySpan<char> value, int column)
    {
        if (!long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ts))
            throw Error(column, $"'{value}' is not a unix timestamp in whole seconds.");
        if (ts < 0)
            throw Error(column, $"timestamp {ts} is negative; timestamps are unix seconds since 1970-01-01.");
        if (ts > DatasetSchema.MaxTimestamp)
            throw Error(column, $"timestamp {ts} is after 2100-01-01 ({DatasetSchema.MaxTimestamp}); timestamps are unix seconds (is it in milliseconds?).");
        return ts;
    }

    public int Binary(CsvFields fields, int column)
    {
        var value = fields[column].Trim();
        if (value.Length == 1 && (value[0] == '0' || value[0] == '1'))
            return value[0] - '0';
        throw Error(column, $"label '{fields[column]}' must be 0 or 1.");
    }

    public int Level(CsvFields fields, int column, int max)
    {
        var value = fields[column];
        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int level) || level < 1 || level > max)
            throw Error(column, $"level '{value}' must be an integer from 1 to {max}.");
        return level;
    }

    public float[] Floats(CsvFields fields, int column, int? expectedCount)
    {
        // Split as spans (no string per feature): an l2r file has m floats on every row.
        var value = fields[column];
        int count = value.IsEmpty ? 0 : value.Count('|') + 1;
        if (expectedCount is int m && count != m)
            throw Error(column, $"has {count} ranking features where {m} are expected (the same count in every row).");
        var result = new float[count];
        if (count == 0)
            return result;
        int i = 0;
        foreach (var part in new SeparatedTokens(value, '|'))
        {
            if (!DecimalFloat.TryParse(part, out float f))
                throw Error(column, $"feature {i + 1} '{part}' is not a number.");
            if (!float.IsFinite(f))
                throw Error(column, $"feature {i + 1} is {part}; ranking features must be finite.");
            result[i++] = f;
        }
        return result;
    }
}
