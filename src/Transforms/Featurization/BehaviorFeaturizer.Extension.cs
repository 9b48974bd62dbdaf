using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>Incremental training (docs/paper.md 7.1): vocabularies grow with new data while every known id keeps its index.</summary>
public sealed partial class BehaviorFeaturizer
{
    /// <summary>
    /// A featuriser for a model that continues on <paramref name="dataset"/> (e.g. the next day):
    /// every id this featuriser knows keeps its index, so a trained embedding row stays its row; ids
    /// first seen in the new data (at least MinCount times there) are appended after them, in the
    /// new data's count order. Hashed vocabularies, profile columns and the sequence shape stay as
    /// they are. The new data must have the same profile columns and ranking-feature count.
    /// </summary>
    public BehaviorFeaturizer ExtendWith(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var fresh = Fit(dataset, Options);
        if (!fresh.ProfileColumns.SequenceEqual(ProfileColumns, StringComparer.Ordinal) && fresh.ProfileColumns.Count > 0)
            throw new InvalidDataException(
                $"{dataset.Folder}: users.csv has profile columns ({string.Join(", ", fresh.ProfileColumns)}); the model was trained with ({string.Join(", ", ProfileColumns)}).");
        if (fresh.RankingFeatures != 0 && RankingFeatures != 0 && fresh.RankingFeatures != RankingFeatures)
            throw new InvalidDataException(
                $"{dataset.Folder}: l2r rows have {fresh.RankingFeatures} ranking features; the model was trained with {RankingFeatures}.");

        return new BehaviorFeaturizer(Options,
            Merge(Item, fresh.Item), Merge(Shop, fresh.Shop), Merge(Brand, fresh.Brand), Merge(Category, fresh.Category),
            Merge(Tag, fresh.Tag), Merge(Type, fresh.Type), Merge(Scene, fresh.Scene), Merge(Query, fresh.Query),
            Merge(Talent, fresh.Talent), Merge(TalentTag, fresh.TalentTag),
            ProfileColumns, Profiles.Select((p, j) => fresh.Profiles.Count > j ? Merge(p, fresh.Profiles[j]) : p).ToArray(),
            RankingFeatures != 0 ? RankingFeatures : fresh.RankingFeatures);
    }

    private static Vocabulary Merge(Vocabulary known, Vocabulary seen)
    {
        if (known.IsHashed)
            return known; // every id already has its bucket
        var ids = new List<string>(known.Ids);
        var counts = new List<long>(known.Counts);
        var freshCounts = seen.Ids.Select((id, i) => (id, count: seen.Counts[i])).ToDictionary(p => p.id, p => p.count, StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++)
            counts[i] += freshCounts.GetValueOrDefault(ids[i]);
        foreach (string id in seen.Ids)
        {
            if (known.IndexOf(id) == Vocabulary.OutOfVocabulary)
            {
                ids.Add(id);
                counts.Add(freshCounts[id]);
            }
        }
        return new Vocabulary(known.Name, known.MinCount, known.HashBuckets, ids.ToArray(), counts.ToArray());
    }
}
