namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// The fields of one CSV record as character spans over one reusable buffer: reading a record this way
/// makes no string per field (a million-row log has nine fields a row). Valid until the next read.
/// </summary>
internal sealed class CsvFields
{
    private readonly GrowingArray<char> _text = new(512);
    private int[] _starts = new int[16];
    private int[] _ends = new int[16];

    /// <summary>Fields completed so far.</summary>
    public int Count { get; private set; }

    /// <summary>Field <paramref name="index"/> (0-based), unquoted and unescaped.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _text.AsSpan()[_starts[index].._ends[index]];
        }
    }

    /// <summary>Characters of the field being read (for the field-length bound).</summary>
    public int OpenFieldLength => _text.Count - _starts[Count];

    public void Clear()
    {
        Count = 0;
        _text.Clear();
    }

    /// <summary>Starts a field; characters appended until <see cref="EndField"/> belong to it.</summary>
    public void StartField()
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _ends, Count * 2);
        }
        _starts[Count] = _text.Count;
    }

    public void Append(char c) => _text.Add(c);

    public void Append(ReadOnlySpan<char> chars) => _text.AddRange(chars);

    public void EndField()
    {
        _ends[Count] = _text.Count;
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
