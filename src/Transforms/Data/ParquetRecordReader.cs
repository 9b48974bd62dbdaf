using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// A Parquet dataset file as records of text fields, so that it goes through exactly the validation of
/// the CSV reader (docs/dataset-format.md, "Parquet"). The schema is checked once: every expected
/// column present (matched by name, in any order), none unknown, each of an accepted type. Then the
/// file is read one row group at a time, only the expected columns, and each row is rendered into the
/// fields a CSV record would hold: strings as they are, integers as decimal text, booleans as 0/1, and
/// list columns joined with the separator of their CSV field. The next row group is read ahead while
/// the current one is rendered: memory is two row groups' columns.
/// </summary>
internal sealed class ParquetRecordReader : IRecordSource
{
    /// <summary>The separator of the list columns' CSV text (tags, talent_tags, features).</summary>
    private const char ListSeparator = '|';

    private readonly string _path;
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    // Two sets of the same columns: rows are rendered from one while the next row group is read into
    // the other on the thread pool (read-ahead), so decoding overlaps the caller's parsing.
    private ColumnCursor[] _columns;
    private ColumnCursor[] _ahead;
    private Task<int>? _loading;
    private int _loadingGroup;
    private int _nextGroup;
    private long _groupRows;
    private long _groupRow;
    private DatasetFormatException? _broken;

    private ParquetRecordReader(string path, Stream stream, ParquetReader reader, ColumnCursor[] columns, ColumnCursor[] ahead, List<string> header)
    {
        _path = path;
        _stream = stream;
        _reader = reader;
        _columns = columns;
        _ahead = ahead;
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
            var (ahead, _) = Plan(path, reader.Schema, expectedHeader, keyColumn);
            var result = new ParquetRecordReader(path, stream, reader, columns, ahead, header);
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
            if (!NextGroup())
                return false;
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

    /// <summary>Makes the next row group current (waiting for its read-ahead) and starts reading the one after; false at the end.</summary>
    private bool NextGroup()
    {
        if (_loading == null)
        {
            if (_nextGroup >= _reader.RowGroupCount)
                return false;
            StartLoading(_nextGroup++);
        }
        int index = _loadingGroup;
        int rows;
        try
        {
            rows = _loading!.GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is IOException or ParquetException or InvalidDataException or InvalidOperationException or NotSupportedException)
        {
            throw _broken = new DatasetFormatException(_path, RecordLine + 1, null,
                $"row group {index + 1} of {_reader.RowGroupCount} cannot be read ({error.Message}).", DatasetFileFormat.Parquet);
        }
        finally
        {
            _loading = null;
        }
        (_columns, _ahead) = (_ahead, _columns);
        _groupRows = rows;
        _groupRow = 0;
        // Only the read-ahead touches the file from here on, so the stream is never shared.
        if (_nextGroup < _reader.RowGroupCount)
            StartLoading(_nextGroup++);
        return true;
    }

    /// <summary>Reads row group <paramref name="index"/> into the read-ahead set on the thread pool.</summary>
    private void StartLoading(int index)
    {
        var target = _ahead;
        _loadingGroup = index;
        // A thread of its own (LongRunning), blocking on Parquet.Net's awaits (which complete at once on
        // this synchronous FileStream): thread-pool workers spin idle after their work item, and on two
        // cores that spinning takes the CPU the parsing thread needs.
        _loading = Task.Factory.StartNew(() =>
        {
            var group = _reader.OpenRowGroupReader(index);
            if (group.RowCount > int.MaxValue)
                throw new InvalidDataException($"the row group has {group.RowCount} rows, more than a reader takes");
            int rows = (int)group.RowCount;
            foreach (var column in target)
                column.LoadAsync(group, rows).GetAwaiter().GetResult();
            return rows;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void Dispose()
    {
        // A read-ahead still running uses the reader: let it finish (its result is not wanted).
        if (_loading != null)
        {
            try
            {
                _loading.GetAwaiter().GetResult();
            }
            catch (Exception error) when (error is IOException or ParquetException or InvalidDataException or InvalidOperationException or NotSupportedException)
            {
            }
        }
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
            return ListFor(name, data);
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
        return FlatFor(name, data);
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

    // ---- columns ----------------------------------------------------------------------------

    /// <summary>
    /// One column of the current row group, rendered row by row as CSV field text. Each row group's
    /// values and levels are read into arrays the cursor keeps and reuses (no allocation per group
    /// once they are large enough, none per row).
    /// </summary>
    private abstract class ColumnCursor(string name, DataField field)
    {
        public string Name { get; } = name;
        public DataField Field { get; } = field;

        /// <summary>Reads this column of <paramref name="group"/> (<paramref name="rows"/> rows).</summary>
        public abstract Task LoadAsync(ParquetRowGroupReader group, int rows);

        /// <summary>Appends this column's field of the next row; false with a problem when the value cannot be a field.</summary>
        public abstract bool AppendNext(CsvFields fields, out string? problem);

        protected static string Broken(string name) =>
            $"the row group holds fewer values of {name} than rows (a damaged file).";

        protected static T[] Sized<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length)
                buffer = new T[Math.Max(length, buffer.Length * 2)];
            return buffer;
        }

        /// <summary>How many of the first <paramref name="count"/> levels define a value (the values are stored packed).</summary>
        protected static int Defined(int[] definitions, int count, int max)
        {
            int defined = 0;
            for (int i = 0; i < count; i++)
            {
                if (definitions[i] == max)
                    defined++;
            }
            return defined;
        }
    }

    /// <summary>A column with one value per row. A null is an empty field, as in CSV.</summary>
    private abstract class FlatCursor<T>(string name, DataField field) : ColumnCursor(name, field)
        where T : struct
    {
        private T[] _values = [];
        private int[] _definitions = [];
        private int _rows;
        private int _valueCount;
        private int _row;
        private int _value;

        public override async Task LoadAsync(ParquetRowGroupReader group, int rows)
        {
            int max = Field.MaxDefinitionLevel;
            Sized(ref _values, rows);
            if (max > 0)
            {
                Sized(ref _definitions, rows);
                await group.ReadRawAsync<T>(Field, _values.AsMemory(0, rows), _definitions.AsMemory(0, rows), null, default).ConfigureAwait(false);
                _valueCount = Defined(_definitions, rows, max);
            }
            else
            {
                await group.ReadRawAsync<T>(Field, _values.AsMemory(0, rows), null, null, default).ConfigureAwait(false);
                _valueCount = rows;
            }
            _rows = rows;
            _row = 0;
            _value = 0;
            Loaded(group, _values, _valueCount);
        }

        /// <summary>Called with the group's packed values once they are read.</summary>
        protected virtual void Loaded(ParquetRowGroupReader group, T[] values, int count)
        {
        }

        public sealed override bool AppendNext(CsvFields fields, out string? problem)
        {
            problem = null;
            int row = _row++;
            if (row >= _rows)
            {
                problem = Broken(Name);
                return false;
            }
            if (_valueCount < _rows && _definitions[row] < Field.MaxDefinitionLevel)
            {
                fields.Add([]);
                return true;
            }
            if (_value >= _valueCount)
            {
                problem = Broken(Name);
                return false;
            }
            Append(fields, _values, _value++);
            return true;
        }

        /// <summary>Appends the <paramref name="index"/>-th (packed) value of the group as one field.</summary>
        protected abstract void Append(CsvFields fields, T[] values, int index);
    }

    private sealed class FlatStrings(string name, DataField field) : FlatCursor<ReadOnlyMemory<char>>(name, field)
    {
        private readonly CompactStrings _text = new();

        protected override void Loaded(ParquetRowGroupReader group, ReadOnlyMemory<char>[] values, int count) => _text.Load(values, count);

        protected override void Append(CsvFields fields, ReadOnlyMemory<char>[] values, int index) => fields.Add(_text[index]);
    }

    private sealed class FlatBooleans(string name, DataField field) : FlatCursor<bool>(name, field)
    {
        protected override void Append(CsvFields fields, bool[] values, int index) => fields.Add(values[index] ? "1" : "0");
    }

    private sealed class FlatIntegers<T>(string name, DataField field) : FlatCursor<T>(name, field)
        where T : struct, ISpanFormattable
    {
        protected override void Append(CsvFields fields, T[] values, int index)
        {
            T value = values[index];
            Span<char> text = stackalloc char[24];
            value.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
            fields.Add(text[..length]);
        }
    }

    /// <summary>
    /// A group's strings, copied into one buffer right after they are read. Parquet.Net gives each
    /// plain-encoded string, and each dictionary entry, a small array of its own: walked row by row
    /// across all columns, and kept alive (so promoted by every collection) until the group ends, they
    /// cost more than reading them; one copy while they are fresh in cache frees them at once (bench:
    /// indexing a Parquet log went from 1.1-1.2x to 1.4x the CSV rate when dictionary entries were
    /// copied too).
    /// </summary>
    private sealed class CompactStrings
    {
        private char[] _text = [];
        private int[] _ends = [];

        public ReadOnlySpan<char> this[int index] =>
            _text.AsSpan(index == 0 ? 0 : _ends[index - 1], _ends[index] - (index == 0 ? 0 : _ends[index - 1]));

        public void Load(ReadOnlyMemory<char>[] values, int count)
        {
            long length = 0;
            for (int i = 0; i < count; i++)
                length += values[i].Length;
            if (length > Array.MaxLength)
                throw new InvalidDataException($"a row group's strings hold {length} characters, more than one buffer takes");
            if (_text.Length < length)
                _text = new char[Math.Max(length, Math.Min(Array.MaxLength, _text.Length * 2L))];
            if (_ends.Length < count)
                _ends = new int[Math.Max(count, _ends.Length * 2)];
            int end = 0;
            for (int i = 0; i < count; i++)
            {
                var value = values[i].Span;
                value.CopyTo(_text.AsSpan(end));
                end += value.Length;
                _ends[i] = end;
            }
            Array.Clear(values, 0, count); // the small arrays die young
        }
    }

    private static ColumnCursor FlatFor(string name, DataField field) => field.ClrType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => new FlatStrings(name, field),
        var t when t == typeof(bool) => new FlatBooleans(name, field),
        var t when t == typeof(long) => new FlatIntegers<long>(name, field),
        var t when t == typeof(int) => new FlatIntegers<int>(name, field),
        var t when t == typeof(short) => new FlatIntegers<short>(name, field),
        var t when t == typeof(sbyte) => new FlatIntegers<sbyte>(name, field),
        var t when t == typeof(ulong) => new FlatIntegers<ulong>(name, field),
        var t when t == typeof(uint) => new FlatIntegers<uint>(name, field),
        var t when t == typeof(ushort) => new FlatIntegers<ushort>(name, field),
        var t when t == typeof(byte) => new FlatIntegers<byte>(name, field),
        var t => throw new NotSupportedException($"column '{name}' of type {t} has no reader"),
    };

    /// <summary>
    /// A list column: the row's elements joined with '|', the CSV text of the field. A null or empty
    /// list is an empty field; a null element is an empty token (the CSV reader drops empty tokens of
    /// tags, and an empty ranking feature is an error there).
    /// </summary>
    private abstract class ListCursor<T>(string name, DataField field) : ColumnCursor(name, field)
        where T : struct
    {
        private T[] _values = [];
        private int[] _definitions = [];
        private int[] _repetitions = [];
        private int _entries;
        private int _valueCount;
        private int _entry;
        private int _value;
        // The definition level at which an entry is an element of the list (null or not): below it
        // the row's list itself is null or empty.
        private readonly int _slotDefinition = field.MaxDefinitionLevel - (field.IsNullable ? 1 : 0);

        public override async Task LoadAsync(ParquetRowGroupReader group, int rows)
        {
            long entries = group.GetMetadata(Field)?.MetaData?.NumValues
                ?? throw new InvalidDataException($"the column chunk of {Name} has no metadata");
            if (entries < rows || entries > int.MaxValue)
                throw new InvalidDataException($"the column chunk of {Name} has {entries} entries for {rows} rows");
            int count = (int)entries;
            Sized(ref _values, count);
            Sized(ref _definitions, count);
            Sized(ref _repetitions, count);
            await group.ReadRawAsync<T>(Field, _values.AsMemory(0, count), _definitions.AsMemory(0, count), _repetitions.AsMemory(0, count), default).ConfigureAwait(false);
            _entries = count;
            _valueCount = Defined(_definitions, count, Field.MaxDefinitionLevel);
            _entry = 0;
            _value = 0;
            Loaded(group, _values, _valueCount);
        }

        /// <summary>Called with the group's packed values once they are read.</summary>
        protected virtual void Loaded(ParquetRowGroupReader group, T[] values, int count)
        {
        }

        public sealed override bool AppendNext(CsvFields fields, out string? problem)
        {
            problem = null;
            if (_entry >= _entries || _repetitions[_entry] != 0)
            {
                problem = Broken(Name);
                return false;
            }
            int max = Field.MaxDefinitionLevel;
            fields.StartField();
            bool first = true;
            do
            {
                int definition = _definitions[_entry++];
                if (definition < _slotDefinition)
                    continue; // a null or empty list: no element
                if (!first)
                    fields.Append(ListSeparator);
                first = false;
                if (definition < max)
                    continue; // a null element: an empty token
                if (_value >= _valueCount)
                {
                    problem = Broken(Name);
                }
                else if (Append(fields, _values, _value++, out problem))
                {
                    continue;
                }
                fields.EndField();
                return false;
            }
            while (_entry < _entries && _repetitions[_entry] != 0);
            fields.EndField();
            return true;
        }

        /// <summary>Appends the <paramref name="index"/>-th (packed) element; false with a problem when it cannot be a token of the field.</summary>
        protected abstract bool Append(CsvFields fields, T[] values, int index, out string? problem);
    }

    private sealed class ListStrings(string name, DataField field) : ListCursor<ReadOnlyMemory<char>>(name, field)
    {
        private readonly CompactStrings _text = new();

        protected override void Loaded(ParquetRowGroupReader group, ReadOnlyMemory<char>[] values, int count) => _text.Load(values, count);

        protected override bool Append(CsvFields fields, ReadOnlyMemory<char>[] values, int index, out string? problem)
        {
            var text = _text[index];
            if (text.Contains(ListSeparator))
            {
                problem = $"the list element '{text}' contains '{ListSeparator}', the separator of this field's tokens.";
                return false;
            }
            problem = null;
            fields.Append(text);
            return true;
        }
    }

    private sealed class ListNumbers<T>(string name, DataField field) : ListCursor<T>(name, field)
        where T : struct, ISpanFormattable
    {
        protected override bool Append(CsvFields fields, T[] values, int index, out string? problem)
        {
            T value = values[index];
            problem = null;
            Span<char> text = stackalloc char[32];
            // "R": a float's shortest text that parses back to the same float.
            value.TryFormat(text, out int length, typeof(T) == typeof(float) ? "R" : default, CultureInfo.InvariantCulture);
            fields.Append(text[..length]);
            return true;
        }
    }

    /// <summary>Doubles become the float the featuriser keeps (correctly rounded), written so that it parses back exactly.</summary>
    private sealed class ListDoubles(string name, DataField field) : ListCursor<double>(name, field)
    {
        protected override bool Append(CsvFields fields, double[] values, int index, out string? problem)
        {
            double value = values[index];
            problem = null;
            Span<char> text = stackalloc char[32];
            ((float)value).TryFormat(text, out int length, "R", CultureInfo.InvariantCulture);
            fields.Append(text[..length]);
            return true;
        }
    }

    private static ColumnCursor ListFor(string name, DataField field) => field.ClrType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => new ListStrings(name, field),
        var t when t == typeof(float) => new ListNumbers<float>(name, field),
        var t when t == typeof(double) => new ListDoubles(name, field),
        var t when t == typeof(long) => new ListNumbers<long>(name, field),
        var t when t == typeof(int) => new ListNumbers<int>(name, field),
        var t when t == typeof(short) => new ListNumbers<short>(name, field),
        var t when t == typeof(sbyte) => new ListNumbers<sbyte>(name, field),
        var t when t == typeof(ulong) => new ListNumbers<ulong>(name, field),
        var t when t == typeof(uint) => new ListNumbers<uint>(name, field),
        var t when t == typeof(ushort) => new ListNumbers<ushort>(name, field),
        var t when t == typeof(byte) => new ListNumbers<byte>(name, field),
        var t => throw new NotSupportedException($"list column '{name}' of type {t} has no reader"),
    };
}
