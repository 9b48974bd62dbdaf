using System.Runtime.InteropServices;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// A string-keyed dictionary read and counted by character spans. On .NET 9 and later it is the
/// dictionary's alternate lookup, which makes no string per probe; on .NET 8, which lacks it, each probe
/// makes the key string. The dictionary must compare keys ordinally (its default or <see cref="StringComparer.Ordinal"/>).
/// </summary>
internal readonly struct SpanKeyedLookup<TValue>
{
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SpanKeyedLookup(Dictionary<string, TValue> dictionary) => _lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The value of <paramref name="key"/>, if present.</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, out TValue value) => _lookup.TryGetValue(key, out value!);

    /// <summary>A reference to the value of <paramref name="key"/>, added with the default value when absent.</summary>
    public ref TValue GetValueRefOrAddDefault(ReadOnlySpan<char> key) => ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, key, out _)!;
#else
    private readonly Dictionary<string, TValue> _dictionary;

    public SpanKeyedLookup(Dictionary<string, TValue> dictionary) => _dictionary = dictionary;

    /// <summary>The value of <paramref name="key"/>, if present.</summary>
    public bool TryGetValue(ReadOnlySpan<char> key, out TValue value) => _dictionary.TryGetValue(key.ToString(), out value!);

    /// <summary>A reference to the value of <paramref name="key"/>, added with the default value when absent.</summary>
    public ref TValue GetValueRefOrAddDefault(ReadOnlySpan<char> key) => ref CollectionsMarshal.GetValueRefOrAddDefault(_dictionary, key.ToString(), out _)!;
#endif
}
