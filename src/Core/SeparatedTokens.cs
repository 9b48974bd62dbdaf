namespace Dupn.MLNet;

/// <summary>
/// The tokens of a separated field as spans, empty ones included, without allocating:
/// <c>foreach (var token in new SeparatedTokens(field, '|'))</c>. A field with no separator is one token
/// (an empty field, one empty token), as <c>string.Split</c> gives. .NET 9's <c>MemoryExtensions.Split</c> does
/// the same, but the scoring packages also target .NET 8.
/// </summary>
internal ref struct SeparatedTokens
{
    private ReadOnlySpan<char> _rest;
    private readonly char _separator;
    private bool _done;

    public SeparatedTokens(ReadOnlySpan<char> field, char separator)
    {
        _rest = field;
        _separator = separator;
        _done = false;
        Current = default;
    }

    /// <summary>The token the enumerator is at.</summary>
    public ReadOnlySpan<char> Current { get; private set; }

    public readonly SeparatedTokens GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_done)
            return false;
        int at = _rest.IndexOf(_separator);
        if (at < 0)
        {
            Current = _rest;
            _done = true;
            return true;
        }
        Current = _rest[..at];
        _rest = _rest[(at + 1)..];
        return true;
    }
}
