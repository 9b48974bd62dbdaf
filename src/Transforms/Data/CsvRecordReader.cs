using System.Text;

namespace Dupn.MLNet.Data;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas, quotes
/// (doubled) and line breaks; CRLF and LF line ends. Tracks the line where each record starts so errors
/// can name it. Reads one record at a time; nothing beyond the current record is kept.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char _separator;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _pos;
    private int _len;
    private long _line = 1;

    /// <param name="reader">The text to read (disposed with this reader).</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <param name="separator">The field separator (',' for the dataset format).</param>
    public CsvRecordReader(TextReader reader, string fileName, char separator = ',')
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        FileName = fileName;
        _separator = separator;
    }

    /// <summary>Opens a UTF-8 file (a BOM is skipped).</summary>
    public static CsvRecordReader Open(string path, char separator = ',') =>
        new(new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), path, separator);

    /// <summary>The name used in error messages.</summary>
    public string FileName { get; }

    /// <summary>1-based line where the last record read starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>
    /// Reads the next record into <paramref name="fields"/> (cleared first). Returns false at the end.
    /// Blank lines are skipped. An unterminated quoted field throws <see cref="DatasetFormatException"/>.
    /// </summary>
    public bool ReadRecord(List<string> fields)
    {
        fields.Clear();
        while (true)
        {
            if (_pos >= _len && !Fill())
                return false;
            char c = _buffer[_pos];
            if (c == '\n') { _pos++; _line++; continue; }
            if (c == '\r') { _pos++; continue; }
            break;
        }
        RecordLine = _line;
        while (true)
        {
            bool endOfRecord = ReadField(fields);
            if (endOfRecord)
                return true;
        }
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }

    // Reads one field; returns true when it ended the record (line end or end of input).
    private bool ReadField(List<string> fields)
    {
        if (_pos >= _len && !Fill())
        {
            fields.Add("");
            return true;
        }
        if (_buffer[_pos] == '"')
            return ReadQuoted(fields);

        // Fast path: an unquoted field inside the buffer becomes one string without a builder.
        int start = _pos;
        while (_pos < _len)
        {
            char c = _buffer[_pos];
            if (c == _separator || c == '\n' || c == '\r')
            {
                fields.Add(new string(_buffer, start, _pos - start));
                return EndField();
            }
            if (c == '"')
                throw new DatasetFormatException(FileName, _line, null, $"a quote inside the unquoted field {fields.Count + 1}; quote the whole field (RFC 4180).");
            _pos++;
        }
        _field.Clear();
        _field.Append(_buffer, start, _pos - start);
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                fields.Add(_field.ToString());
                return true;
            }
            char c = _buffer[_pos];
            if (c == _separator || c == '\n' || c == '\r')
            {
                fields.Add(_field.ToString());
                return EndField();
            }
            if (c == '"')
                throw new DatasetFormatException(FileName, _line, null, $"a quote inside the unquoted field {fields.Count + 1}; quote the whole field (RFC 4180).");
            _field.Append(c);
            _pos++;
        }
    }

    // At a separator or line end: consumes it; true when the record ended.
    private bool EndField()
    {
        if (_pos >= _len && !Fill())
            return true;
        char c = _buffer[_pos];
        if (c == _separator)
        {
            _pos++;
            return false;
        }
        if (c == '\r')
        {
            _pos++;
            if (_pos >= _len && !Fill())
                return true;
            if (_buffer[_pos] != '\n')
                return true;
        }
        _pos++;
        _line++;
        return true;
    }

    private bool ReadQuoted(List<string> fields)
    {
        long startLine = _line;
        _pos++; // opening quote
        _field.Clear();
        while (true)
        {
            if (_pos >= _len && !Fill())
                throw new DatasetFormatException(FileName, startLine, null, $"field {fields.Count + 1} opens a quote that is never closed.");
            char c = _buffer[_pos++];
            if (c == '"')
            {
                if (_pos >= _len && !Fill())
                {
                    fields.Add(_field.ToString());
                    return true;
                }
                char next = _buffer[_pos];
                if (next == '"')
                {
                    _field.Append('"');
                    _pos++;
                    continue;
                }
                if (next != _separator && next != '\n' && next != '\r')
                    throw new DatasetFormatException(FileName, _line, null, $"field {fields.Count + 1} has text after its closing quote.");
                fields.Add(_field.ToString());
                return EndField();
            }
            if (c == '\n')
                _line++;
            _field.Append(c);
        }
    }

    public void Dispose() => _reader.Dispose();
}
