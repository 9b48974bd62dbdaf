namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>An append-only buffer of unmanaged values that doubles as it grows (no per-item boxing, span access).</summary>
internal sealed class GrowingArray<T>
{
    private T[] _items = new T[1024];

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (Count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = value;
    }

    public void AddRange(ReadOnlySpan<T> values)
    {
        while (Count + values.Length > _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        values.CopyTo(_items.AsSpan(Count));
        Count += values.Length;
    }

    public Span<T> AsSpan() => _items.AsSpan(0, Count);
}
