using System.Globalization;
using System.Text;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>Writes RFC 4180 CSV records, quoting only the fields that need it. Used by the generator and converters.</summary>
public sealed class CsvWriter : IDisposable
{
    private readonly TextWriter _writer;
    private bool _atLineStart = true;

    public CsvWriter(TextWriter writer) => _writer = writer;

    /// <summary>Creates (or overwrites) a UTF-8 file without a BOM.</summary>
    public static CsvWriter Create(string path) =>
        new(new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16) { NewLine = "\n" });

    /// <summary>Writes a whole record.</summary>
    public void WriteRecord(params string[] fields)
    {
        foreach (var f in fields)
            Write(f);
        EndRecord();
    }

    /// <summary>Writes one field of the current record.</summary>
    public void Write(string? field)
    {
        if (!_atLineStart)
            _writer.Write(',');
        _atLineStart = false;
        if (string.IsNullOrEmpty(field))
            return;
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(field);
            return;
        }
        _writer.Write('"');
        _writer.Write(field.Replace("\"", "\"\""));
        _writer.Write('"');
    }

    /// <summary>Writes an integer field without allocating.</summary>
    public void Write(long value)
    {
        if (!_atLineStart)
            _writer.Write(',');
        _atLineStart = false;
        Span<char> buf = stackalloc char[24];
        value.TryFormat(buf, out int n, default, CultureInfo.InvariantCulture);
        _writer.Write(buf[..n]);
    }

    /// <summary>Appends whole records already formatted by another <see cref="CsvWriter"/> (between records only).</summary>
    public void WriteRaw(System.Text.StringBuilder records)
    {
        if (!_atLineStart)
            throw new InvalidOperationException("WriteRaw may only be called between records.");
        foreach (var chunk in records.GetChunks())
            _writer.Write(chunk.Span);
    }

    /// <summary>Flushes the underlying writer.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>
    /// One behaviors.csv record, fields in <see cref="DatasetSchema.BehaviorColumns"/>' order
    /// (<paramref name="tags"/> already '|'-joined); the caller ends the record.
    /// </summary>
    public void WriteBehavior(string user, long timestamp, string item, string shop, string brand, string category, string tags, string type, string scene)
    {
        Write(user);
        Write(timestamp);
        Write(item);
        Write(shop);
        Write(brand);
        Write(category);
        Write(tags);
        Write(type);
        Write(scene);
    }

    /// <summary>Ends the current record.</summary>
    public void EndRecord()
    {
        _writer.Write('\n');
        _atLineStart = true;
    }

    public void Dispose() => _writer.Dispose();
}
