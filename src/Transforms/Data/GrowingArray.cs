namespace Dupn.MLNet.Transforms.Data;

/// <summary>An append-only buffer of unmanaged values that doubles as it grows (no per-item boxing, span access).</summary>
internal sealed class GrowingArray<T>(int initialCapacity = 1024)
{
    private T[] _items = new T[Math.Max(1, initialCapacity)];

    public int Count { get; private set; }

    /// <summary>Forgets the values, keeping the capacity (and dropping references the values held).</summary>
    public void Clear()
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            Array.Clear(_items, 0, Count);
        Count = 0;
    }

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

    public Memory<T> AsMemory() => _items.AsMemory(0, Count);
}
