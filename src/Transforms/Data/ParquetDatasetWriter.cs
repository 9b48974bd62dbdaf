using Parquet;
using Parquet.Schema;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// Writes dataset files as Parquet (docs/dataset-format.md, "Parquet"): the CSV files' base and column
/// names, ids and tokens as strings, timestamps as int64, labels and levels as int32, ranking features
/// as list&lt;float&gt;, and tags, talent_tags and query as the CSV field's string ('|'- or
/// space-separated), every string column dictionary-encoded. Tags are read as list&lt;string&gt; too,
/// but Parquet.Net 6.1 decodes one string per row about twice as fast as a list of three. Rows are read through the validating readers and written <see cref="DefaultRowGroupRows"/>
/// at a time, so memory is one row group whatever the file size. <see cref="Dataset.Open"/> reads
/// the result back to the same rows.
/// </summary>
public static class ParquetDatasetWriter
{
    /// <summary>The separator of tags and talent_tags, written as the CSV field's string.</summary>
    private const char ListSeparator = '|';

    /// <summary>Rows per row group unless told otherwise (100,000: a few MB of columns per group).</summary>
    public const int DefaultRowGroupRows = 100_000;

    /// <summary>
    /// Writes a Parquet copy of every file of <paramref name="source"/> (behaviours, users, task files)
    /// into <paramref name="folder"/> (created; it must not hold a CSV or Parquet copy of those files
    /// already). Returns the rows written per file name.
    /// </summary>
    public static IReadOnlyDictionary<string, long> WriteCopy(Dataset source, string folder, int rowGroupRows = DefaultRowGroupRows)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        CheckRowGroupRows(rowGroupRows);
        if (string.Equals(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), source.Folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            throw new ArgumentException($"WriteCopy writes into another folder; to replace {folder}'s CSV files use ConvertInPlace.", nameof(folder));
        Directory.CreateDirectory(folder);
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, write) in Files(source, rowGroupRows))
        {
            string target = Path.Combine(folder, DatasetSchema.InFormat(name, DatasetFileFormat.Parquet));
            if (File.Exists(target) || File.Exists(Path.Combine(folder, name)))
                throw new IOException($"{folder} already holds {name} or its Parquet copy; write the copy into an empty folder.");
            written[Path.GetFileName(target)] = WriteFile(target, write);
        }
        return written;
    }

    /// <summary>
    /// Replaces the CSV files of the dataset folder <paramref name="folder"/> by Parquet files (files
    /// already in Parquet stay). Every file is read through the validating readers first, so a bad row
    /// stops the conversion before any CSV file is removed. Returns the rows written per file name.
    /// </summary>
    public static IReadOnlyDictionary<string, long> ConvertInPlace(string folder, int rowGroupRows = DefaultRowGroupRows)
    {
        CheckRowGroupRows(rowGroupRows);
        var source = Dataset.Open(folder);
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var done = new List<(string Temp, string Target, string Csv)>();
        try
        {
            foreach (var (name, write) in Files(source, rowGroupRows))
            {
                string csv = Path.Combine(source.Folder, name);
                if (!File.Exists(csv))
                    continue; // this file is already Parquet
                string target = Path.Combine(source.Folder, DatasetSchema.InFormat(name, DatasetFileFormat.Parquet));
                string temp = TempBeside(target);
                written[Path.GetFileName(target)] = WriteStream(temp, write);
                done.Add((temp, target, csv));
            }
            // Only now, with every copy complete: the Parquet files take the CSV files' place.
            foreach (var (temp, target, csv) in done)
            {
                File.Move(temp, target);
                File.Delete(csv);
            }
        }
        finally
        {
            foreach (var (temp, _, _) in done)
            {
                if (File.Exists(temp))
                    File.Delete(temp);
            }
        }
        return written;
    }

    /// <summary>Writes behaviours as behaviors.parquet to <paramref name="path"/>; returns the rows written.</summary>
    public static long WriteBehaviors(IEnumerable<Behavior> behaviors, string path, int rowGroupRows = DefaultRowGroupRows)
    {
        ArgumentNullException.ThrowIfNull(behaviors);
        CheckRowGroupRows(rowGroupRows);
        return WriteFile(path, stream => BehaviorTable().Write(behaviors, stream, rowGroupRows));
    }

    /// <summary>Writes the rows of a <paramref name="task"/> file to <paramref name="path"/>; returns the rows written.</summary>
    public static long WriteTask(IEnumerable<TaskRow> rows, DupnTask task, string path, int rowGroupRows = DefaultRowGroupRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckRowGroupRows(rowGroupRows);
        return WriteFile(path, stream => TaskTable(task).Write(rows, stream, rowGroupRows));
    }

    /// <summary>Writes profiles as users.parquet (user_id, then every profile column as a string) to <paramref name="path"/>.</summary>
    public static long WriteUsers(UserProfiles users, string path, int rowGroupRows = DefaultRowGroupRows)
    {
        ArgumentNullException.ThrowIfNull(users);
        CheckRowGroupRows(rowGroupRows);
        return WriteFile(path, stream => UserTable(users.Columns).Write(users.Rows, stream, rowGroupRows));
    }

    private static void CheckRowGroupRows(int rowGroupRows)
    {
        if (rowGroupRows < 1)
            throw new ArgumentOutOfRangeException(nameof(rowGroupRows), rowGroupRows, "A row group holds at least one row.");
    }

    /// <summary>Each file the dataset holds (by its CSV name) with the writer of its Parquet copy.</summary>
    private static IEnumerable<(string Name, Func<Stream, long> Write)> Files(Dataset source, int rowGroupRows)
    {
        yield return (DatasetSchema.BehaviorsFile, stream => BehaviorTable().Write(source.Behaviors(), stream, rowGroupRows));
        if (source.UsersPath != null)
            yield return (DatasetSchema.UsersFile, stream => UserTable(source.Users.Columns).Write(source.Users.Rows, stream, rowGroupRows));
        foreach (var task in DupnTaskNames.All)
        {
            foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
            {
                if (source.HasTask(task, split))
                    yield return (DatasetSchema.FileName(task, split), stream => TaskTable(task).Write(source.TaskRows(task, split), stream, rowGroupRows));
            }
        }
    }

    private static string TempBeside(string target) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Writes through a temporary file renamed over <paramref name="path"/>: never a half-written file under the dataset name.</summary>
    private static long WriteFile(string path, Func<Stream, long> write)
    {
        string full = Path.GetFullPath(path);
        string temp = TempBeside(full);
        try
        {
            long rows = WriteStream(temp, write);
            File.Move(temp, full, overwrite: true);
            return rows;
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private static long WriteStream(string path, Func<Stream, long> write)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        long rows = write(stream);
        stream.Flush(flushToDisk: true);
        return rows;
    }

    private static ParquetTable<Behavior> BehaviorTable()
    {
        var t = new ParquetTable<Behavior>();
        t.String("user_id", b => b.UserId);
        t.Long("timestamp", b => b.Timestamp);
        t.String("item_id", b => b.ItemId);
        t.String("shop_id", b => b.ShopId);
        t.String("brand_id", b => b.BrandId);
        t.String("category_id", b => b.CategoryId);
        t.String("tags", b => string.Join(ListSeparator, b.Tags));
        t.String("behavior_type", b => b.BehaviorType);
        t.String("scene", b => b.Scene);
        return t.Check(DatasetSchema.BehaviorColumns);
    }

    private static ParquetTable<TaskRow> TaskTable(DupnTask task)
    {
        var t = new ParquetTable<TaskRow>();
        t.String("user_id", r => r.UserId);
        t.Long("timestamp", r => r.Timestamp);
        t.String("query", r => string.Join(' ', r.Query));
        switch (task)
        {
            case DupnTask.Ctr:
            case DupnTask.L2r:
                t.String("item_id", r => r.ItemId);
                t.String("shop_id", r => r.ShopId);
                t.String("brand_id", r => r.BrandId);
                t.String("category_id", r => r.CategoryId);
                t.String("tags", r => string.Join(ListSeparator, r.Tags));
                if (task == DupnTask.L2r)
                {
                    t.FloatList("features", r => r.Features);
                    t.String("behavior_type", r => r.BehaviorType);
                }
                t.Int("label", r => r.Label);
                break;
            case DupnTask.Ppp:
                t.Int("level", r => r.Level);
                break;
            case DupnTask.Follow:
                t.String("talent_id", r => r.TalentId);
                t.String("talent_tags", r => string.Join(ListSeparator, r.TalentTags));
                t.Int("label", r => r.Label);
                break;
            case DupnTask.ShopPref:
                t.String("shop_id", r => r.ShopId);
                t.Int("label", r => r.Label);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(task));
        }
        return t.Check(DatasetSchema.TaskColumns(task));
    }

    private static ParquetTable<KeyValuePair<string, string[]>> UserTable(IReadOnlyList<string> columns)
    {
        var t = new ParquetTable<KeyValuePair<string, string[]>>();
        t.String("user_id", p => p.Key);
        for (int i = 0; i < columns.Count; i++)
        {
            int column = i;
            t.String(columns[i], p => p.Value[column]);
        }
        return t;
    }

    /// <summary>Columns of rows of <typeparamref name="T"/>, buffered one row group at a time and written in schema order.</summary>
    private sealed class ParquetTable<T>
    {
        private readonly List<Field> _fields = [];
        private readonly List<Column> _columns = [];

        public void String(string name, Func<T, string> value) => Add(new DataField<string>(name, nullable: false), new StringColumn(value));
        public void Long(string name, Func<T, long> value) => Add(new DataField<long>(name, nullable: false), new ValueColumn<long>(value));
        public void Int(string name, Func<T, int> value) => Add(new DataField<int>(name, nullable: false), new ValueColumn<int>(value));
        public void FloatList(string name, Func<T, float[]> value) =>
            Add(new ListField(name, new DataField<float>(ListField.ElementName, nullable: false)), new ListColumn<float, float>(value, f => f));

        private void Add(Field field, Column column)
        {
            _fields.Add(field);
            _columns.Add(column);
        }

        /// <summary>Guards the column lists above against drifting from the dataset schema.</summary>
        public ParquetTable<T> Check(string[] expected)
        {
            if (!_fields.Select(f => f.Name).SequenceEqual(expected))
                throw new InvalidOperationException($"Parquet columns {string.Join(",", _fields.Select(f => f.Name))} differ from the schema {string.Join(",", expected)}.");
            return this;
        }

        public long Write(IEnumerable<T> rows, Stream stream, int rowGroupRows) =>
            Task.Run(() => WriteAsync(rows, stream, rowGroupRows)).GetAwaiter().GetResult();

        private async Task<long> WriteAsync(IEnumerable<T> rows, Stream stream, int rowGroupRows)
        {
            var schema = new ParquetSchema(_fields);
            var data = schema.GetDataFields();
            // Dictionary-encoded strings, as Spark and Arrow write them: ids and tokens repeat, and
            // Parquet.Net reads a dictionary column ~2.5x faster than a plain one (one array per
            // distinct value instead of one per row). Its writer does not choose it by itself.
            var options = new ParquetOptions();
            foreach (var field in data)
            {
                if (field.ClrType == typeof(ReadOnlyMemory<char>) || field.ClrType == typeof(string))
                    options.ColumnEncodingHints[field.Name] = EncodingHint.Dictionary;
            }
            long total = 0;
            int buffered = 0;
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, options).ConfigureAwait(false);
            foreach (var row in rows)
            {
                foreach (var column in _columns)
                    column.Add(row);
                total++;
                if (++buffered == rowGroupRows)
                {
                    await FlushAsync(writer, data).ConfigureAwait(false);
                    buffered = 0;
                }
            }
            // An empty file still gets one (empty) row group, so that readers see its columns' types.
            if (buffered > 0 || total == 0)
                await FlushAsync(writer, data).ConfigureAwait(false);
            return total;
        }

        private async Task FlushAsync(ParquetWriter writer, DataField[] data)
        {
            using var group = writer.CreateRowGroup();
            for (int i = 0; i < _columns.Count; i++)
            {
                await _columns[i].WriteAsync(group, data[i]).ConfigureAwait(false);
                _columns[i].Clear();
            }
            group.CompleteValidate();
        }

        private abstract class Column
        {
            public abstract void Add(T row);
            public abstract Task WriteAsync(ParquetRowGroupWriter group, DataField field);
            public abstract void Clear();
        }

        private sealed class StringColumn(Func<T, string> value) : Column
        {
            private readonly List<string> _values = [];
            public override void Add(T row) => _values.Add(value(row) ?? "");
            public override Task WriteAsync(ParquetRowGroupWriter group, DataField field) => group.WriteAsync(field, _values);
            public override void Clear() => _values.Clear();
        }

        private sealed class ValueColumn<TValue>(Func<T, TValue> value) : Column
            where TValue : struct
        {
            private readonly GrowingArray<TValue> _values = new();
            public override void Add(T row) => _values.Add(value(row));
            public override Task WriteAsync(ParquetRowGroupWriter group, DataField field) =>
                group.WriteAsync<TValue>(field, _values.AsMemory(), null, null, default);
            public override void Clear() => _values.Clear();
        }

        /// <summary>
        /// A list of required elements. Per entry: repetition 0 starts a row; definition is the field's
        /// maximum for an element, one less for an empty list (the list itself is there, with no entry).
        /// </summary>
        private sealed class ListColumn<TElement, TItem>(Func<T, TItem[]> value, Func<TItem, TElement> convert) : Column
            where TElement : struct
        {
            private readonly GrowingArray<TElement> _values = new();
            private readonly GrowingArray<int> _definitions = new();
            private readonly GrowingArray<int> _repetitions = new();

            public override void Add(T row)
            {
                var items = value(row);
                if (items.Length == 0)
                {
                    _definitions.Add(-1);
                    _repetitions.Add(0);
                    return;
                }
                for (int i = 0; i < items.Length; i++)
                {
                    _values.Add(convert(items[i]));
                    _definitions.Add(0);
                    _repetitions.Add(i == 0 ? 0 : 1);
                }
            }

            public override Task WriteAsync(ParquetRowGroupWriter group, DataField field)
            {
                if (field.IsNullable || field.MaxRepetitionLevel != 1)
                    throw new InvalidOperationException($"List column {field.Name} must be a single list of required elements.");
                // Stored relative to the maximum while buffering (0: element, -1: empty list).
                foreach (ref int definition in _definitions.AsSpan())
                    definition += field.MaxDefinitionLevel;
                return group.WriteAllPartsAsync<TElement>(field, _values.AsMemory(), _definitions.AsMemory(), _repetitions.AsMemory(), default);
            }

            public override void Clear()
            {
                _values.Clear();
                _definitions.Clear();
                _repetitions.Clear();
            }
        }
    }
}
