namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// The index map of one categorical field: 0 = padding, 1 = out of vocabulary or missing, 2.. = the
/// ids seen at least MinCount times, ordered by count descending then id ordinally (reproducible).
/// In hashing mode every non-empty id goes to 2 + hash(id) mod B instead.
/// </summary>
public sealed class Vocabulary
{
    private readonly string[] _ids;
    private readonly long[] _counts;
    private readonly Dictionary<string, int> _index;
    private readonly SpanKeyedLookup<int> _spanIndex;

    internal Vocabulary(string name, int minCount, int hashBuckets, string[] ids, long[] counts)
    {
        Name = name;
        MinCount = minCount;
        HashBuckets = hashBuckets;
        _ids = ids;
        _counts = counts;
        _index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        if (hashBuckets == 0)
        {
            for (int i = 0; i < ids.Length; i++)
                _index.Add(ids[i], i + 2);
        }
        _spanIndex = new SpanKeyedLookup<int>(_index);
    }

    /// <summary>Reserved index of padding (no behaviour, no tag, no token).</summary>
    public const int Padding = 0;

    /// <summary>Reserved index of an out-of-vocabulary or missing (empty) id.</summary>
    public const int OutOfVocabulary = 1;

    /// <summary>The field (item, shop, brand, category, tag, type, scene, query, talent, talent_tag, profile:&lt;column&gt;).</summary>
    public string Name { get; }

    /// <summary>Ids seen fewer times than this are out of vocabulary.</summary>
    public int MinCount { get; }

    /// <summary>B when the field is hashed into B buckets; 0 for a learned vocabulary.</summary>
    public int HashBuckets { get; }

    /// <summary>V: the rows of the embedding table are V + 2 (padding and OOV).</summary>
    public int Size => HashBuckets > 0 ? HashBuckets : _ids.Length;

    /// <summary>Whether the field is hashed.</summary>
    public bool IsHashed => HashBuckets > 0;

    /// <summary>
    /// The ids in index order (index = position + 2). In hashing mode: the most frequent ids seen while
    /// fitting (kept for inspection only).
    /// </summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The network index of an id: 1 when empty or unknown.</summary>
    public int IndexOf(string? id)
    {
        if (string.IsNullOrEmpty(id))
            return OutOfVocabulary;
        if (HashBuckets > 0)
            return 2 + (int)(StableHash.Of(id) % (uint)HashBuckets);
        return _index.TryGetValue(id, out int index) ? index : OutOfVocabulary;
    }

    /// <summary>The network index of an id given as characters (no string is made): 1 when empty or unknown.</summary>
    public int IndexOf(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
            return OutOfVocabulary;
        if (HashBuckets > 0)
            return 2 + (int)(StableHash.Of(id) % (uint)HashBuckets);
        return _spanIndex.TryGetValue(id, out int index) ? index : OutOfVocabulary;
    }

    /// <summary>The id at a network index (null for padding, OOV and hashed fields).</summary>
    public string? IdAt(int index) => HashBuckets == 0 && index >= 2 && index - 2 < _ids.Length ? _ids[index - 2] : null;

    /// <summary>The <paramref name="count"/> most frequent ids with their training counts and indices.</summary>
    public IReadOnlyList<VocabularyEntry> Top(int count) =>
        Enumerable.Range(0, Math.Min(count, _ids.Length))
            .Select(i => new VocabularyEntry(_ids[i], _counts[i], HashBuckets > 0 ? IndexOf(_ids[i]) : i + 2))
            .ToArray();

    internal long[] Counts => _counts;

    public override string ToString() => $"{Name}: V = {Size}{(IsHashed ? " (hashed)" : "")}";
}
