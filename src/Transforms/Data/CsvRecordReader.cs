using System.Buffers;
using System.Text;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas, quotes
/// (doubled) and line breaks; CRLF and LF line ends. Tracks the line where each record starts so errors
/// can name it. Reads one record at a time; nothing beyond the current record is kept, and a field
/// longer than <see cref="MaxFieldLength"/> is an error (an unclosed quote would otherwise read the
/// rest of the file into memory). Bytes that are not UTF-8 are an error, never replaced silently.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char _separator;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly CsvFields _record = new();
    private int _pos;
    private int _len;
    private long _line = 1;
    private readonly string? _path;

    /// <param name="reader">The text to read (disposed with this reader).</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <param name="separator">The field separator (',' for the dataset format).</param>
    public CsvRecordReader(TextReader reader, string fileName, char separator = ',')
        : this(reader, fileName, separator, null)
    {
    }

    private CsvRecordReader(TextReader reader, string fileName, char separator, string? path)
    {
        _path = path;
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        FileName = fileName;
        _separator = separator;
    }

    /// <summary>The longest field accepted, in characters (1 MiB): far above any id, below what would exhaust memory.</summary>
    public const int MaxFieldLength = 1 << 20;

    /// <summary>
    /// Opens a UTF-8 file (a BOM is skipped). Bytes that are not UTF-8 throw <see cref="DatasetFormatException"/>
    /// naming the line and byte offset of the first bad byte.
    /// </summary>
    public static CsvRecordReader Open(string path, char separator = ',') =>
        new(new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16), path, separator, path);

    /// <summary>The name used in error messages.</summary>
    public string FileName { get; }

    /// <summary>
    /// True after an error that leaves no way to go on (bytes that are not UTF-8, an unclosed quote, a
    /// runaway field): the rest of the file cannot be split into records, so such an error is never
    /// skipped as a bad row, and further reads repeat it.
    /// </summary>
    public bool IsBroken => _broken != null;

    private DatasetFormatException? _broken;

    private DatasetFormatException Broken(DatasetFormatException error) => _broken = error;

    /// <summary>1-based line where the last record read starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>
    /// Reads the next record into <paramref name="fields"/> (cleared first). Returns false at the end.
    /// Blank lines are skipped. An unterminated quoted field throws <see cref="DatasetFormatException"/>.
    /// </summary>
    public bool ReadRecord(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        bool more = ReadRecord(_record);
        _record.CopyTo(fields);
        return more;
    }

    /// <summary>
    /// Reads the next record as spans into <paramref name="fields"/> (cleared first; no string per
    /// field). Returns false at the end. Same rules and errors as <see cref="ReadRecord(List{string})"/>.
    /// </summary>
    internal bool ReadRecord(CsvFields fields)
    {
        if (_broken != null)
            throw _broken;
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
        if (TryReadPlainRecord(fields))
            return true;
        while (true)
        {
            bool endOfRecord = ReadField(fields);
            if (endOfRecord)
                return true;
        }
    }

    private static readonly SearchValues<char> LineEndOrQuote = SearchValues.Create("\r\n\"");

    // The common record: whole in the buffer, no quote. Found with vectorised searches (line end,
    // then each separator) instead of a test per character; anything else takes the general path.
    private bool TryReadPlainRecord(CsvFields fields)
    {
        var rest = _buffer.AsSpan(_pos, _len - _pos);
        int end = rest.IndexOfAny(LineEndOrQuote);
        if (end < 0 || rest[end] == '"')
            return false;
        var line = rest[..end];
        while (true)
        {
            int separator = line.IndexOf(_separator);
            if (separator < 0)
            {
                fields.Add(line);
                break;
            }
            fields.Add(line[..separator]);
            line = line[(separator + 1)..];
        }
        _pos += end;
        EndField(); // consumes the line end (LF, CR or CRLF) and counts the line
        return true;
    }

    private bool Fill()
    {
        try
        {
            _len = _reader.Read(_buffer, 0, _buffer.Length);
        }
        catch (DecoderFallbackException error)
        {
            // The decoder runs ahead of the parser, so the bad byte is located in the file itself.
            if (_path != null && Utf8Scanner.FindInvalid(_path) is { } bad)
                throw Broken(new DatasetFormatException(FileName, bad.Line, null,
                    $"byte 0x{bad.Value:X2} at offset {bad.Offset} is not valid UTF-8; save the file as UTF-8."));
            throw Broken(new DatasetFormatException(FileName, _line, null, $"the text is not valid UTF-8 ({error.Message}); save the file as UTF-8."));
        }
        _pos = 0;
        return _len > 0;
    }

    private void CheckLength(int length, int field, long line)
    {
        if (length > MaxFieldLength)
            throw Broken(new DatasetFormatException(FileName, line, null,
                $"field {field} is longer than {MaxFieldLength} characters (an unclosed quote, or not a dataset file?)."));
    }

    // Reads one field; returns true when it ended the record (line end or end of input).
    private bool ReadField(CsvFields fields)
    {
        if (_pos >= _len && !Fill())
        {
            fields.Add([]);
            return true;
        }
        if (_buffer[_pos] == '"')
            return ReadQuoted(fields);

        // Fast path: an unquoted field inside the buffer is one copy.
        int start = _pos;
        while (_pos < _len)
        {
            char c = _buffer[_pos];
            if (c == _separator || c == '\n' || c == '\r')
            {
                fields.Add(_buffer.AsSpan(start, _pos - start));
                return EndField();
            }
            if (c == '"')
                throw new DatasetFormatException(FileName, _line, null, $"a quote inside the unquoted field {fields.Count + 1}; quote the whole field (RFC 4180).");
            _pos++;
        }
        fields.StartField();
        fields.Append(_buffer.AsSpan(start, _pos - start));
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                fields.EndField();
                return true;
            }
            char c = _buffer[_pos];
            if (c == _separator || c == '\n' || c == '\r')
            {
                fields.EndField();
                return EndField();
            }
            if (c == '"')
                throw new DatasetFormatException(FileName, _line, null, $"a quote inside the unquoted field {fields.Count + 1}; quote the whole field (RFC 4180).");
            fields.Append(c);
            CheckLength(fields.OpenFieldLength, fields.Count + 1, _line);
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

    private bool ReadQuoted(CsvFields fields)
    {
        long startLine = _line;
        _pos++; // opening quote
        fields.StartField();
        while (true)
        {
            if (_pos >= _len && !Fill())
                throw Broken(new DatasetFormatException(FileName, startLine, null, $"field {fields.Count + 1} opens a quote that is never closed."));
            char c = _buffer[_pos++];
            if (c == '"')
            {
                if (_pos >= _len && !Fill())
                {
                    fields.EndField();
                    return true;
                }
                char next = _buffer[_pos];
                if (next == '"')
                {
                    fields.Append('"');
                    _pos++;
                    continue;
                }
                if (next != _separator && next != '\n' && next != '\r')
                    throw new DatasetFormatException(FileName, _line, null, $"field {fields.Count + 1} has text after its closing quote.");
                fields.EndField();
                return EndField();
            }
            if (c == '\n')
                _line++;
            fields.Append(c);
            CheckLength(fields.OpenFieldLength, fields.Count + 1, startLine);
        }
    }

    public void Dispose() => _reader.Dispose();
}
