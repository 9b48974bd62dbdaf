using System.Globalization;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// A Parquet dataset file as records of text fields, so that it goes through exactly the validation of
/// the CSV reader (docs/dataset-format.md, "Parquet"). The schema is checked once: every expected
/// column present (matched by name, in any order), none unknown, each of an accepted type. Then the
/// file is read one row group at a time, only the expected columns, and each row is rendered into the
/// fields a CSV record would hold: strings as they are, integers as decimal text, booleans as 0/1, and
/// list columns joined with the separator of their CSV field. Memory is one row group's columns.
/// </summary>
internal sealed class ParquetRecordReader : IRecordSource
{
    /// <summary>The separator of the list columns' CSV text (tags, talent_tags, features).</summary>
    private const char ListSeparator = '|';

    private readonly string _path;
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly ColumnCursor[] _columns;
    private int _nextGroup;
    private long _groupRows;
    private long _groupRow;
    private DatasetFormatException? _broken;

    private ParquetRecordReader(string path, Stream stream, ParquetReader reader, ColumnCursor[] columns, List<string> header)
    {
        _path = path;
        _stream = stream;
        _reader = reader;
        _columns = columns;
        Header = header;
    }

    public DatasetFileFormat Format => DatasetFileFormat.Parquet;

    public List<string> Header { get; }

    public long RecordLine { get; private set; }

    public bool IsBroken => _broken != null;

    /// <summary>
    /// Opens <paramref name="path"/> and checks its schema against <paramref name="expectedHeader"/>; with
    /// none (users.parquet), every top-level column is a text column, <paramref name="keyColumn"/> first.
    /// </summary>
    public static ParquetRecordReader Open(string path, string[]? expectedHeader, string? keyColumn)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        ParquetReader? reader = null;
        try
        {
            // Parquet.Net is asynchronous; run it on the thread pool so that blocking here cannot
            // deadlock a caller's synchronization context. Once per file and per row group, not per row.
            try
            {
                reader = Task.Run(() => ParquetReader.CreateAsync(stream, leaveStreamOpen: true)).GetAwaiter().GetResult();
            }
            catch (Exception error) when (error is IOException or ParquetException or InvalidDataException)
            {
                throw new DatasetFormatException(path, 0, null, $"is not a readable Parquet file ({error.Message}).", DatasetFileFormat.Parquet);
            }
            var (columns, header) = Plan(path, reader.Schema, expectedHeader, keyColumn);
            var result = new ParquetRecordReader(path, stream, reader, columns, header);
            reader = null;
            return result;
        }
        catch
        {
            if (reader != null)
                Task.Run(() => reader.DisposeAsync().AsTask()).GetAwaiter().GetResult();
            stream.Dispose();
            throw;
        }
    }

    public bool ReadRecord(CsvFields fields)
    {
        if (_broken != null)
            throw _broken;
        while (_groupRow >= _groupRows)
        {
            if (_nextGroup >= _reader.RowGroupCount)
                return false;
            LoadGroup(_nextGroup++);
        }
        RecordLine++;
        _groupRow++;
        fields.Clear();
        foreach (var column in _columns)
        {
            if (!column.AppendNext(fields, out string? problem))
                throw new DatasetFormatException(_path, RecordLine, column.Name, problem!, DatasetFileFormat.Parquet);
        }
        return true;
    }

    private void LoadGroup(int index)
    {
        long firstRow = RecordLine + 1;
        try
        {
            var group = _reader.OpenRowGroupReader(index);
            _groupRows = group.RowCount;
            _groupRow = 0;
            Task.Run(async () =>
            {
                foreach (var column in _columns)
                    column.Load(await group.ReadRawColumnDataBaseAsync(column.Field).ConfigureAwait(false), group.RowCount);
            }).GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is IOException or ParquetException or InvalidDataException or InvalidOperationException or NotSupportedException)
        {
            throw _broken = new DatasetFormatException(_path, firstRow, null,
                $"row group {index + 1} of {_reader.RowGroupCount} cannot be read ({error.Message}).", DatasetFileFormat.Parquet);
        }
    }

    public void Dispose()
    {
        foreach (var column in _columns)
            column.Release();
        Task.Run(() => _reader.DisposeAsync().AsTask()).GetAwaiter().GetResult();
        _stream.Dispose();
    }

    // ---- schema -------------------------------------------------------------------------------

    /// <summary>What a column holds, by the CSV field it stands for.</summary>
    private enum Kind
    {
        /// <summary>An id or token (ids, behavior_type, scene, query, profile columns): a string, or an integer as its decimal text.</summary>
        Token,
        /// <summary>A whole number (timestamp, level): an integer, or a string parsed as the CSV field is.</summary>
        Integer,
        /// <summary>A 0/1 label: an integer, a boolean, or a string.</summary>
        Label,
        /// <summary>A `|`-separated list of tokens (tags, talent_tags): that string, or a list of strings or integers.</summary>
        TokenList,
        /// <summary>The `|`-separated ranking features: that string, or a list of floats, doubles or integers.</summary>
        NumberList,
    }

    private static Kind KindOf(string column) => column switch
    {
        "timestamp" or "level" => Kind.Integer,
        "label" => Kind.Label,
        "tags" or "talent_tags" => Kind.TokenList,
        "features" => Kind.NumberList,
        _ => Kind.Token,
    };

    private static string Accepted(Kind kind) => kind switch
    {
        Kind.Token => "a string or an integer column",
        Kind.Integer => "an integer column (int64 for unix seconds) or a string column",
        Kind.Label => "an integer, boolean or string column",
        Kind.TokenList => "a '|'-separated string column or a list of strings (or integers)",
        _ => "a '|'-separated string column or a list of floats or doubles",
    };

    private static (ColumnCursor[] Columns, List<string> Header) Plan(string path, ParquetSchema schema, string[]? expected, string? keyColumn)
    {
        var byName = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            if (!byName.TryAdd(field.Name, field))
                throw SchemaError(path, field.Name, "the column appears twice in the schema.");
        }
        List<string> header;
        if (expected != null)
        {
            string list = string.Join(",", expected);
            foreach (string name in expected)
            {
                if (!byName.ContainsKey(name))
                    throw SchemaError(path, name, $"the schema lacks column '{name}' (expected: {list}).");
            }
            foreach (var field in schema.Fields)
            {
                if (Array.IndexOf(expected, field.Name) < 0)
                    throw SchemaError(path, field.Name, $"unknown column '{field.Name}' (expected: {list}).");
            }
            header = [.. expected];
        }
        else
        {
            header = schema.Fields.Select(f => f.Name).ToList();
            if (keyColumn != null && header.Remove(keyColumn))
                header.Insert(0, keyColumn);
        }
        var columns = header.Select(name => Cursor(path, byName[name], expected == null ? Kind.Token : KindOf(name))).ToArray();
        return (columns, header);
    }

    private static DatasetFormatException SchemaError(string path, string? column, string problem) =>
        new(path, 0, column, problem, DatasetFileFormat.Parquet);

    private static ColumnCursor Cursor(string path, Field field, Kind kind)
    {
        string name = field.Name;
        DataField? data;
        bool repeated;
        if (field is ListField list)
        {
            data = list.Item as DataField;
            if (data == null)
                throw SchemaError(path, name, $"is a list of {list.Item.SchemaType} values; {name} must be {Accepted(kind)}.");
            repeated = true;
        }
        else if (field is DataField plain)
        {
            data = plain;
            repeated = plain.MaxRepetitionLevel > 0;
        }
        else
        {
            throw SchemaError(path, name, $"is a {field.SchemaType.ToString().ToLowerInvariant()} column; {name} must be {Accepted(kind)}.");
        }
        if (data.MaxRepetitionLevel > 1)
            throw SchemaError(path, name, $"is a nested list; {name} must be {Accepted(kind)}.");
        Type type = data.ClrType;
        if (repeated)
        {
            bool ok = kind switch
            {
                Kind.TokenList => type == typeof(ReadOnlyMemory<char>) || IsInteger(type),
                Kind.NumberList => type == typeof(float) || type == typeof(double) || IsInteger(type),
                _ => false,
            };
            if (!ok)
                throw SchemaError(path, name, $"is a list of {Describe(type)}; {name} must be {Accepted(kind)}.");
            return ListCursor.For(name, data);
        }
        bool flatOk = type == typeof(ReadOnlyMemory<char>)
            || (IsInteger(type) && kind is Kind.Token or Kind.Integer or Kind.Label)
            || (type == typeof(bool) && kind == Kind.Label);
        if (!flatOk)
        {
            string hint = kind == Kind.Integer && (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly))
                ? " Store unix seconds as int64 (e.g. cast the date-time to seconds since 1970-01-01 UTC)."
                : "";
            throw SchemaError(path, name, $"is a {Describe(type)} column; {name} must be {Accepted(kind)}.{hint}");
        }
        return FlatCursor.For(name, data);
    }

    private static bool IsInteger(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte);

    private static string Describe(Type type) => type == typeof(ReadOnlyMemory<char>) ? "string"
        : type == typeof(ReadOnlyMemory<byte>) || type == typeof(byte[]) ? "binary (not UTF-8 string)"
        : type == typeof(long) ? "int64" : type == typeof(int) ? "int32" : type == typeof(short) ? "int16" : type == typeof(sbyte) ? "int8"
        : type == typeof(ulong) ? "uint64" : type == typeof(uint) ? "uint32" : type == typeof(ushort) ? "uint16" : type == typeof(byte) ? "uint8"
        : type == typeof(float) ? "float" : type == typeof(double) ? "double" : type == typeof(bool) ? "boolean"
        : type == typeof(decimal) ? "decimal" : type.Name;

    // ---- columns ------------------------------------------------------------------------------

    /// <summary>One column of the current row group, rendered row by row as CSV field text.</summary>
    private abstract class ColumnCursor(string name, DataField field)
    {
        public string Name { get; } = name;
        public DataField Field { get; } = field;
        protected RawColumnData? Raw;

        /// <summary>Takes the row group's data of this column (disposing the previous group's).</summary>
        public void Load(RawColumnData raw, long rows)
        {
            Release();
            Raw = raw;
            Reset(rows);
        }

        public void Release()
        {
            Raw?.Dispose();
            Raw = null;
        }

        protected abstract void Reset(long rows);

        /// <summary>Appends this column's field of the next row; false with a problem when the value cannot be a field.</summary>
        public abstract bool AppendNext(CsvFields fields, out string? problem);

        protected static string Broken(string name) =>
            $"the row group holds fewer values of {name} than rows (a damaged file).";
    }

    /// <summary>A column with one value per row. A null is an empty field, as in CSV.</summary>
    private abstract class FlatCursor(string name, DataField field) : ColumnCursor(name, field)
    {
        private int _row;
        private int _value;
        private int _maxDefinition;

        public static FlatCursor For(string name, DataField field) => field.ClrType switch
        {
            var t when t == typeof(ReadOnlyMemory<char>) => new Strings(name, field),
            var t when t == typeof(bool) => new Booleans(name, field),
            var t when t == typeof(long) => new Integers<long>(name, field),
            var t when t == typeof(int) => new Integers<int>(name, field),
            var t when t == typeof(short) => new Integers<short>(name, field),
            var t when t == typeof(sbyte) => new Integers<sbyte>(name, field),
            var t when t == typeof(ulong) => new Integers<ulong>(name, field),
            var t when t == typeof(uint) => new Integers<uint>(name, field),
            var t when t == typeof(ushort) => new Integers<ushort>(name, field),
            var t when t == typeof(byte) => new Integers<byte>(name, field),
            var t => throw new NotSupportedException($"column '{name}' of type {t} has no reader"),
        };

        protected override void Reset(long rows)
        {
            _row = 0;
            _value = 0;
            _maxDefinition = Field.MaxDefinitionLevel;
        }

        public override bool AppendNext(CsvFields fields, out string? problem)
        {
            problem = null;
            int row = _row++;
            if (_maxDefinition > 0)
            {
                var definitions = Raw!.DefinitionLevels;
                if (row >= definitions.Length)
                {
                    problem = Broken(Name);
                    return false;
                }
                if (definitions[row] < _maxDefinition)
                {
                    fields.Add([]);
                    return true;
                }
            }
            int value = _value++;
            if (!AppendValue(fields, value))
            {
                problem = Broken(Name);
                return false;
            }
            return true;
        }

        /// <summary>Appends the <paramref name="index"/>-th non-null value; false when there is none.</summary>
        protected abstract bool AppendValue(CsvFields fields, int index);

        private sealed class Strings(string name, DataField field) : FlatCursor(name, field)
        {
            protected override bool AppendValue(CsvFields fields, int index)
            {
                var values = ((RawColumnData<ReadOnlyMemory<char>>)Raw!).Values;
                if (index >= values.Length)
                    return false;
                fields.Add(values[index].Span);
                return true;
            }
        }

        private sealed class Booleans(string name, DataField field) : FlatCursor(name, field)
        {
            protected override bool AppendValue(CsvFields fields, int index)
            {
                var values = ((RawColumnData<bool>)Raw!).Values;
                if (index >= values.Length)
                    return false;
                fields.Add(values[index] ? "1" : "0");
                return true;
            }
        }

        private sealed class Integers<T>(string name, DataField field) : FlatCursor(name, field)
            where T : struct, ISpanFormattable
        {
            protected override bool AppendValue(CsvFields fields, int index)
            {
                var values = ((RawColumnData<T>)Raw!).Values;
                if (index >= values.Length)
                    return false;
                Span<char> text = stackalloc char[24];
                values[index].TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
                fields.Add(text[..length]);
                return true;
            }
        }
    }

    /// <summary>
    /// A list column: the row's elements joined with '|', the CSV text of the field. A null or empty
    /// list is an empty field; a null element is an empty token (the CSV reader drops empty tokens of
    /// tags, and an empty ranking feature is an error there).
    /// </summary>
    private abstract class ListCursor(string name, DataField field) : ColumnCursor(name, field)
    {
        private int _entry;
        private int _value;
        private int _maxDefinition;
        private int _slotDefinition;

        public static ListCursor For(string name, DataField field) => field.ClrType switch
        {
            var t when t == typeof(ReadOnlyMemory<char>) => new Strings(name, field),
            var t when t == typeof(float) => new Numbers<float>(name, field),
            var t when t == typeof(double) => new Doubles(name, field),
            var t when t == typeof(long) => new Numbers<long>(name, field),
            var t when t == typeof(int) => new Numbers<int>(name, field),
            var t when t == typeof(short) => new Numbers<short>(name, field),
            var t when t == typeof(sbyte) => new Numbers<sbyte>(name, field),
            var t when t == typeof(ulong) => new Numbers<ulong>(name, field),
            var t when t == typeof(uint) => new Numbers<uint>(name, field),
            var t when t == typeof(ushort) => new Numbers<ushort>(name, field),
            var t when t == typeof(byte) => new Numbers<byte>(name, field),
            var t => throw new NotSupportedException($"list column '{name}' of type {t} has no reader"),
        };

        protected override void Reset(long rows)
        {
            _entry = 0;
            _value = 0;
            _maxDefinition = Field.MaxDefinitionLevel;
            // The definition level at which an entry is an element of the list (null or not): below it
            // the row's list itself is null or empty.
            _slotDefinition = _maxDefinition - (Field.IsNullable ? 1 : 0);
        }

        public override bool AppendNext(CsvFields fields, out string? problem)
        {
            problem = null;
            var definitions = Raw!.DefinitionLevels;
            var repetitions = Raw.RepetitionLevels;
            if (_entry >= definitions.Length || _entry >= repetitions.Length || repetitions[_entry] != 0)
            {
                problem = Broken(Name);
                return false;
            }
            fields.StartField();
            bool first = true;
            do
            {
                int definition = definitions[_entry++];
                if (definition < _slotDefinition)
                    continue; // a null or empty list: no element
                if (!first)
                    fields.Append(ListSeparator);
                first = false;
                if (definition < _maxDefinition)
                    continue; // a null element: an empty token
                if (!AppendValue(fields, _value++, out problem))
                {
                    problem ??= Broken(Name);
                    fields.EndField();
                    return false;
                }
            }
            while (_entry < repetitions.Length && repetitions[_entry] != 0);
            fields.EndField();
            return true;
        }

        /// <summary>Appends the <paramref name="index"/>-th non-null element; false with a problem (null: no such value).</summary>
        protected abstract bool AppendValue(CsvFields fields, int index, out string? problem);

        private sealed class Strings(string name, DataField field) : ListCursor(name, field)
        {
            protected override bool AppendValue(CsvFields fields, int index, out string? problem)
            {
                problem = null;
                var values = ((RawColumnData<ReadOnlyMemory<char>>)Raw!).Values;
                if (index >= values.Length)
                    return false;
                var text = values[index].Span;
                if (text.Contains(ListSeparator))
                {
                    problem = $"the list element '{text}' contains '{ListSeparator}', the separator of this field's tokens.";
                    return false;
                }
                fields.Append(text);
                return true;
            }
        }

        private sealed class Numbers<T>(string name, DataField field) : ListCursor(name, field)
            where T : struct, ISpanFormattable
        {
            protected override bool AppendValue(CsvFields fields, int index, out string? problem)
            {
                problem = null;
                var values = ((RawColumnData<T>)Raw!).Values;
                if (index >= values.Length)
                    return false;
                Span<char> text = stackalloc char[32];
                // "R": a float's shortest text that parses back to the same float.
                values[index].TryFormat(text, out int length, typeof(T) == typeof(float) ? "R" : default, CultureInfo.InvariantCulture);
                fields.Append(text[..length]);
                return true;
            }
        }

        /// <summary>Doubles become the float the featuriser keeps (correctly rounded), written so that it parses back exactly.</summary>
        private sealed class Doubles(string name, DataField field) : ListCursor(name, field)
        {
            protected override bool AppendValue(CsvFields fields, int index, out string? problem)
            {
                problem = null;
                var values = ((RawColumnData<double>)Raw!).Values;
                if (index >= values.Length)
                    return false;
                Span<char> text = stackalloc char[32];
                ((float)values[index]).TryFormat(text, out int length, "R", CultureInfo.InvariantCulture);
                fields.Append(text[..length]);
                return true;
            }
        }
    }
}
