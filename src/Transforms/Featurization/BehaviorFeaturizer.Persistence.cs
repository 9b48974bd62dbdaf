using System.Text;
using System.Text.Json;
using Dupn.MLNet.IO;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>Save and load of a fitted featuriser: a UTF-8 JSON document (format "dupn-featurizer", version 1).</summary>
public sealed partial class BehaviorFeaturizer
{
    private const string FormatName = "dupn-featurizer";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Writes the options and every vocabulary (ids in index order with their counts).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = new FeaturizerState
        {
            Format = FormatName,
            Version = FormatVersion,
            MaxHistory = Options.MaxHistory,
            TagsPerBehavior = Options.TagsPerBehavior,
            QueryTokens = Options.QueryTokens,
            MinCount = Options.MinCount,
            HashBuckets = Options.HashBuckets,
            TimeGapBoundsSeconds = Options.TimeGapBoundsSeconds,
            RankingFeatures = RankingFeatures,
            ProfileColumns = [.. ProfileColumns],
            Vocabularies = Vocabularies.Select(v => new VocabularyState
            {
                Name = v.Name,
                MinCount = v.MinCount,
                HashBuckets = v.HashBuckets,
                Ids = [.. v.Ids],
                Counts = v.Counts,
            }).ToArray(),
        };
        JsonSerializer.Serialize(stream, state, Json);
    }

    /// <summary>Saves to a file atomically (a temporary file beside it, then a rename): a failed save leaves the previous file intact.</summary>
    public void Save(string path) => AtomicFile.Write(path, Save);

    /// <summary>Reads a featuriser written by <see cref="Save(Stream)"/>.</summary>
    public static BehaviorFeaturizer Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FeaturizerState? state;
        try
        {
            state = JsonSerializer.Deserialize<FeaturizerState>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a saved BehaviorFeaturizer (invalid JSON: {e.Message}).", e);
        }
        if (state == null || state.Format != FormatName)
            throw new InvalidDataException($"Not a saved BehaviorFeaturizer (format is '{state?.Format}', expected '{FormatName}').");
        if (state.Version != FormatVersion)
            throw new InvalidDataException($"Saved BehaviorFeaturizer has version {state.Version}; this build reads version {FormatVersion}.");
        var options = new BehaviorFeaturizerOptions
        {
            MaxHistory = state.MaxHistory,
            TagsPerBehavior = state.TagsPerBehavior,
            QueryTokens = state.QueryTokens,
            MinCount = state.MinCount,
            HashBuckets = state.HashBuckets,
            TimeGapBoundsSeconds = state.TimeGapBoundsSeconds,
        };
        options.Validate();
        var vocabularies = state.Vocabularies.ToDictionary(v => v.Name, v =>
        {
            if (v.Ids.Length != v.Counts.Length)
                throw new InvalidDataException($"Saved vocabulary '{v.Name}' has {v.Ids.Length} ids but {v.Counts.Length} counts.");
            return new Vocabulary(v.Name, v.MinCount, v.HashBuckets, v.Ids, v.Counts);
        }, StringComparer.Ordinal);
        Vocabulary Get(string name) => vocabularies.TryGetValue(name, out var v) ? v
            : throw new InvalidDataException($"Saved BehaviorFeaturizer lacks the vocabulary '{name}'.");
        return new BehaviorFeaturizer(options, Get("item"), Get("shop"), Get("brand"), Get("category"), Get("tag"),
            Get("type"), Get("scene"), Get("query"), Get("talent"), Get("talent_tag"), state.ProfileColumns,
            state.ProfileColumns.Select(c => Get("profile:" + c)).ToArray(), state.RankingFeatures);
    }

    /// <summary>Loads from a file.</summary>
    public static BehaviorFeaturizer Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>A readable listing of every vocabulary's size and top ids (for inspection).</summary>
    public string Describe(int top = 10)
    {
        var text = new StringBuilder();
        foreach (var v in Vocabularies)
        {
            text.Append(v).Append(": ");
            text.AppendJoin(", ", v.Top(top).Select(e => $"{e.Id} ({e.Count}) -> {e.Index}"));
            text.AppendLine();
        }
        return text.ToString();
    }

    private sealed class FeaturizerState
    {
        public string Format { get; set; } = "";
        public int Version { get; set; }
        public int MaxHistory { get; set; }
        public int TagsPerBehavior { get; set; }
        public int QueryTokens { get; set; }
        public int MinCount { get; set; }
        public int HashBuckets { get; set; }
        public long[] TimeGapBoundsSeconds { get; set; } = [];
        public int RankingFeatures { get; set; }
        public string[] ProfileColumns { get; set; } = [];
        public VocabularyState[] Vocabularies { get; set; } = [];
    }

    private sealed class VocabularyState
    {
        public string Name { get; set; } = "";
        public int MinCount { get; set; }
        public int HashBuckets { get; set; }
        public string[] Ids { get; set; } = [];
        public long[] Counts { get; set; } = [];
    }
}
