namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>Counts the ids of one field while fitting; builds the <see cref="Vocabulary"/>.</summary>
internal sealed class VocabularyCounter
{
    /// <summary>Ids kept for inspection in hashing mode.</summary>
    private const int HashedIdsKept = 1000;

    private readonly Dictionary<string, long> _counts;
    private readonly SpanKeyedLookup<long> _bySpan;

    public VocabularyCounter(string name)
    {
        Name = name;
        _counts = new Dictionary<string, long>(StringComparer.Ordinal);
        _bySpan = new SpanKeyedLookup<long>(_counts);
    }

    public string Name { get; }

    /// <summary>Counts an id given as characters (a string is made only the first time it is seen).</summary>
    public void Add(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
            return;
        ref long count = ref _bySpan.GetValueRefOrAddDefault(id);
        count++;
    }

    public void Add(string? id)
    {
        if (string.IsNullOrEmpty(id))
            return; // missing: always index 1, never part of the vocabulary
        ref long count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, id, out _);
        count++;
    }

    public void AddRange(IEnumerable<string> ids)
    {
        foreach (var id in ids)
            Add(id);
    }

    public Vocabulary Build(int minCount, int hashBuckets)
    {
        var kept = _counts.Where(p => p.Value >= minCount)
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal);
        var list = (hashBuckets > 0 ? kept.Take(HashedIdsKept) : kept).ToArray();
        return new Vocabulary(Name, minCount, hashBuckets, list.Select(p => p.Key).ToArray(), list.Select(p => p.Value).ToArray());
    }
}
