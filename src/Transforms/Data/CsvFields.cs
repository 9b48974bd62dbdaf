namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// The fields of one CSV record as character spans over one reusable buffer: reading a record this way
/// makes no string per field (a million-row log has nine fields a row). Valid until the next read.
/// </summary>
internal sealed class CsvFields
{
    private char[] _text = new char[512];
    private int[] _starts = new int[16];
    private int[] _ends = new int[16];
    private int _length;

    /// <summary>Fields completed so far.</summary>
    public int Count { get; private set; }

    /// <summary>Field <paramref name="index"/> (0-based), unquoted and unescaped.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _text.AsSpan(_starts[index], _ends[index] - _starts[index]);
        }
    }

    /// <summary>Characters of the field being read (for the field-length bound).</summary>
    public int OpenFieldLength => _length - _starts[Count];

    public void Clear()
    {
        Count = 0;
        _length = 0;
    }

    /// <summary>Starts a field; characters appended until <see cref="EndField"/> belong to it.</summary>
    public void StartField()
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _ends, Count * 2);
        }
        _starts[Count] = _length;
    }

    public void Append(char c)
    {
        if (_length == _text.Length)
            Array.Resize(ref _text, _text.Length * 2);
        _text[_length++] = c;
    }

    public void Append(ReadOnlySpan<char> chars)
    {
        if (_length + chars.Length > _text.Length)
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + chars.Length));
        chars.CopyTo(_text.AsSpan(_length));
        _length += chars.Length;
    }

    public void EndField()
    {
        _ends[Count] = _length;
        Count++;
    }

    /// <summary>A whole field at once.</summary>
    public void Add(ReadOnlySpan<char> chars)
    {
        StartField();
        Append(chars);
        EndField();
    }

    /// <summary>The fields as strings (the typed readers' form), into <paramref name="destination"/> (cleared first).</summary>
    public void CopyTo(List<string> destination)
    {
        destination.Clear();
        for (int i = 0; i < Count; i++)
            destination.Add(this[i].Length == 0 ? "" : new string(this[i]));
    }
}
